/** A failed request in the users' words, with a way to try again. */
export function ErrorLine({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <p className="error" role="alert">
      {message}{' '}
      <button type="button" className="link" onClick={onRetry}>
        重试
      </button>
    </p>
  );
}
