/**
 * The plan outline the consolidation benches generate and read their corpus by (bench:consolidate,
 * bench:page-consolidate, bench/checkFiles.ts): one work point and one committee per submission,
 * in 5 sections, so every submission counts.
 */
export function benchOutline(n: number): string {
  const nums = ['一', '二', '三', '四', '五'];
  let txt = '老科协2023年工作要点\n\n为做好本年度工作，制定本要点。\n';
  let p = 1;
  for (let s = 0; s < 5; s++) {
    txt += `${nums[s]}、第${s + 1}部分重点工作\n`;
    const k = Math.floor(n / 5) + (s < n % 5 ? 1 : 0);
    for (let j = 0; j < k; j++, p++) txt += `${p}.开展第${p}项重点工作。组织调研和交流活动，形成成果报告。举办培训和宣讲活动。具体工作由**老科协第${p}专委会负责实施。\n`;
  }
  return txt;
}
