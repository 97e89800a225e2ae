import { useState, type FormEvent } from 'react';
import { api, asGonghuiError, type Session } from './api';
import { describeError } from './errors';

/** `notice`: why the user is asked again, e.g. their session ended while they worked. */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      onSignedIn(await api.signIn(username.trim(), password));
    } catch (error) {
      const failure = asGonghuiError(error);
      setProblem(failure.code === 'UNAUTHENTICATED' ? '用户名或密码不正确' : describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={(event) => void submit(event)} aria-label="登录">
        <h1>工会数据平台</h1>
        <p className="muted">职工 · 困难职工档案 · 帮扶资金 · 和谐企业</p>
        {notice && !problem && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label>
          用户名
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? '登录中…' : '登录'}
        </button>
      </form>
    </main>
  );
}
