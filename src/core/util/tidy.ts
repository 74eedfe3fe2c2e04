/** Round away binary noise: 0.1 * 3 → 0.3. */
export function tidy(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  // Fast path (same result): below 10⁷, when n is within 10⁻¹³ (relative) of r, the double nearest to
  // a decimal with at most 4 decimals (≤ 11 significant digits, on the 12-digit grid), rounding n to
  // 12 significant digits gives that decimal, and Number() of it gives r.
  if (n < 1e7 && n > -1e7) {
    const r = Math.round(n * 1e4) / 1e4;
    const d = n - r;
    if (r !== 0 && (d === 0 || (d < 0 ? -d : d) <= (n < 0 ? -n : n) * 1e-13)) return r;
  }
  return Number(n.toPrecision(12));
}
