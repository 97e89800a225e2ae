import type { ApiErrorCode, GonghuiError } from '../../sdk';

// What union staff read when a request fails: the API's code in words. The server's own message
// is English for developers, so it is not shown.
const BY_CODE: Record<ApiErrorCode, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '您没有此项操作的权限',
  BAD_USER_INPUT: '填写的内容有误',
  NOT_FOUND: '找不到该记录，或不在您的管辖范围内',
  CONFLICT: '操作与现有记录冲突',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  TIMEOUT: '服务器繁忙，请稍后再试',
  BAD_REQUEST: '页面版本与服务器不一致，请刷新页面后再试',
  GRAPHQL_PARSE_FAILED: '页面版本与服务器不一致，请刷新页面后再试',
  GRAPHQL_VALIDATION_FAILED: '页面版本与服务器不一致，请刷新页面后再试',
  UNTRUSTED_DOCUMENT: '页面版本已过期，请刷新页面后再试',
  PERSISTED_QUERY_NOT_FOUND: '页面版本已过期，请刷新页面后再试',
  INTERNAL_SERVER_ERROR: '服务器出错，请稍后再试或联系管理员',
  NETWORK_ERROR: '无法连接服务器，请检查网络后再试',
};

// Where the code alone says too little: the upload's refusals, which staff can put right themselves.
const BY_REASON = new Map<string, string>([
  ['FILE_TOO_LARGE', '文件超过 64 MB，请分成几个文件上传'],
  ['FILE_REQUIRED', '请先选择要上传的文件'],
  ['ONE_FILE', '一次只能上传一个文件'],
  ['BAD_MULTIPART', '文件没有完整上传，请检查网络后重新上传'],
  ['NOT_MULTIPART', '上传的内容不完整，请刷新页面后重新上传'],
  ['FILE_FIELD', '上传的内容不完整，请刷新页面后重新上传'],
  ['TOO_MANY_PARTS', '上传的内容不完整，请刷新页面后重新上传'],
  ['MODE_INVALID', '页面版本与服务器不一致，请刷新页面后再试'],
]);

export function describeError(error: GonghuiError): string {
  const words =
    BY_REASON.get(error.reason ?? '') ?? (BY_CODE as Record<string, string | undefined>)[error.code] ?? `请求失败（${error.code}）`;
  const wait = error.retryAfterSeconds ? `（${error.retryAfterSeconds} 秒后可再试）` : '';
  return `${words}${wait}`;
}
