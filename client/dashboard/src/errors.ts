import type { GonghuiError } from '../../sdk';

// What union staff read when a request fails: the API's code in words, then the server's own message.
const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您没有此项操作的权限',
  BAD_USER_INPUT: '填写的内容有误',
  NOT_FOUND: '找不到该记录，或不在您的管辖范围内',
  CONFLICT: '操作与现有记录冲突',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  TIMEOUT: '服务器繁忙，请稍后再试',
  NETWORK_ERROR: '无法连接服务器',
};

export function describeError(error: GonghuiError): string {
  const words = BY_CODE[error.code] ?? '请求失败';
  const wait = error.retryAfterSeconds ? `（${error.retryAfterSeconds} 秒后可再试）` : '';
  return `${words}${wait}：${error.message}`;
}
