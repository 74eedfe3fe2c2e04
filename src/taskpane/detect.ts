/** Is this page running inside Excel? (office.js present and Office.onReady reports the Excel host.) */

interface OfficeLike {
  onReady?: () => Promise<{ host: string | null }>;
}

export function detectExcel(office: OfficeLike | undefined, timeoutMs = 4000): Promise<boolean> {
  if (!office?.onReady) return Promise.resolve(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    office.onReady().then((info) => info?.host === 'Excel'),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), timeoutMs);
    }),
  ])
    .catch(() => false)
    .finally(() => clearTimeout(timer));
}
