import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="state state-empty">
      <strong>Page not found</strong>
      <p className="state-hint">
        The link may be old. Go to the <Link href="/">overview</Link> or the{' '}
        <Link href="/articles">article list</Link>.
      </p>
    </div>
  );
}
