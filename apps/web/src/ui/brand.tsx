/** The autofin mark: a car silhouette on the brand colour. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#2f5be0" />
      <path
        d="M7 20.5 10.2 13a2 2 0 0 1 1.84-1.2h7.92A2 2 0 0 1 21.8 13l3.2 7.5V24a1 1 0 0 1-1 1h-1.5a1 1 0 0 1-1-1v-1h-11v1a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1z"
        fill="#fff"
      />
      <circle cx="11" cy="19.5" r="1.3" fill="#2f5be0" />
      <circle cx="21" cy="19.5" r="1.3" fill="#2f5be0" />
    </svg>
  );
}
