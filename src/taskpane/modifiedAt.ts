/** A chosen file's modification time (File.lastModified) as ISO, when the browser gives one. */
export function modifiedAtOf(f: { lastModified?: number }): string | undefined {
  const ms = f.lastModified;
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}
