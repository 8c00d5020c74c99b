// Times the dashboard, a review page and its meeting pack of the demo forum on a running server
// (BASE_URL, default http://127.0.0.1:3200): signs in as the demo coordinator, opens a review,
// then 50 sequential GETs of each page; prints median, p90 and min time per request (client
// side, over loopback), the HTML size (raw, gzip -9, brotli) and the SVG in it.
// Run by scripts/measure-pages.sh; needs end2end's npm packages and Debian's Chromium.
const path = require('path');
const zlib = require('zlib');
const { chromium } = require(require.resolve('playwright-core', { paths: [path.join(__dirname, '..', 'end2end')] }));

(async () => {
  const base = process.env.BASE_URL || 'http://127.0.0.1:3200';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail address').fill('coordinator@forumplan.example');
  await page.getByLabel('Password', { exact: true }).fill(process.env.FORUMPLAN_DEMO_PASSWORD || 'forumplan-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Account' }).getByText('Signed in as').waitFor();
  await page.goto(`${base}/forums/wolverhampton/reviews`);
  await page.getByLabel('Title').fill('Measured review');
  await page.getByRole('button', { name: 'Open the review' }).click();
  await page.getByRole('heading', { level: 1, name: 'Measured review' }).waitFor();
  await page.goto(`${base}/forums/wolverhampton/reviews`);
  const review = base + (await page.locator('.review-list a').first().getAttribute('href'));
  const n = 50;
  for (const url of [`${base}/forums/wolverhampton/dashboard`, review, `${review}/pack`]) {
    const times = [];
    let body = '';
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const response = await page.request.get(url);
      body = await response.text();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (response.status() !== 200) throw new Error(`${url}: ${response.status()}`);
    }
    times.sort((a, b) => a - b);
    const svgs = body.match(/<svg[\s\S]*?<\/svg>/g) || [];
    console.log(
      `${url.replace(base, '')}: ${n} requests, median ${times[n >> 1].toFixed(1)} ms, p90 ${times[Math.floor(n * 0.9)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms; ` +
        `HTML ${Buffer.byteLength(body)} B (gzip ${zlib.gzipSync(body, { level: 9 }).length} B, brotli ${zlib.brotliCompressSync(body).length} B); ` +
        `${svgs.length} SVG, ${svgs.reduce((a, s) => a + Buffer.byteLength(s), 0)} B`,
    );
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
