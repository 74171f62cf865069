// Drives Debian's chromium through the approver's review page, for ReviewPageBrowserIT.
// Usage: node review-page.mjs REVIEW_URL APPROVER PASSWORD SCREENSHOT_DIR
// Prints one JSON line when signed in (the test then makes the calls that need review), and one
// when done: whether the reviews appeared without a reload, which it approved and denied, how the
// page's history shows them ended, what the page showed of the hostile arguments, and whether any
// script of an agent's ran.
import { chromium } from 'playwright-core';

const [url, approver, password, shots] = process.argv.slice(2);
const say = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const WAIT = { timeout: 60000 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });

  await page.goto(url + '/login');
  await page.fill('input[name=approver]', approver);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(url + '/', WAIT), page.click('button[type=submit]')]);
  await page.screenshot({ path: `${shots}/1-signed-in.png`, fullPage: true });
  // Survives only as long as this document: a reload would lose it.
  await page.evaluate(() => { window.sameDocument = true; });
  say({ step: 'signed-in', approver: await page.textContent('#approver') });

  const toApprove = page.locator('article.review', { hasText: 'approve-me' });
  const toDeny = page.locator('article.review', { hasText: 'deny-me' });
  await toApprove.waitFor(WAIT);
  await toDeny.waitFor(WAIT);
  const live = await page.evaluate(() => window.sameDocument === true);
  await page.screenshot({ path: `${shots}/2-pending-live.png`, fullPage: true });
  const approveId = await toApprove.getAttribute('data-intent');
  const denyId = await toDeny.getAttribute('data-intent');
  const argumentsShown = await toApprove.locator('pre.arguments').textContent();
  const timeLeft = await toApprove.locator('.time-left').textContent();

  await toApprove.locator('textarea[name=comment]').fill('approved in the browser');
  await Promise.all([page.waitForURL(/\/\?sent=/, WAIT), toApprove.locator('button.approve').click()]);
  const approvedNotice = await page.textContent('p.notice');
  await page.screenshot({ path: `${shots}/3-approved.png`, fullPage: true });

  await toDeny.locator('textarea[name=comment]').fill('denied in the browser');
  await Promise.all([page.waitForURL(/\/\?sent=/, WAIT), toDeny.locator('button.deny').click()]);
  const deniedNotice = await page.textContent('p.notice');
  await page.screenshot({ path: `${shots}/4-denied.png`, fullPage: true });

  // The decision stream settles both reviews; the page's history shows how each ended, without a reload.
  const approvedRow = page.locator(`tr.finished[data-intent="${approveId}"] .status`);
  const deniedRow = page.locator(`tr.finished[data-intent="${denyId}"] .status`);
  await approvedRow.waitFor(WAIT);
  await deniedRow.waitFor(WAIT);
  const approvedStatus = await approvedRow.textContent();
  const deniedStatus = await deniedRow.textContent();
  await page.screenshot({ path: `${shots}/5-history.png`, fullPage: true });
  const scriptRan = await page.evaluate(() => window.xss !== undefined);
  say({ step: 'done', live, approveId, denyId, argumentsShown, timeLeft, approvedNotice, deniedNotice, approvedStatus, deniedStatus,
    scriptRan, dialogs });
} catch (error) {
  say({ step: 'failed', error: String(error && error.stack || error) });
  process.exitCode = 1;
} finally {
  await browser.close();
}
