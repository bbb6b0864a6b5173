// UI checks in the real workbench: what a person sees. Starts the VS Code server with the
// extension on a fresh copy of seeds/, drives headless Chromium with playwright-core, checks that
// the Articles view lists the articles, that an opened article shows label highlights, and that
// hovering a mention shows the cross-source card; saves screenshots of each.
//
//   node test/ui/workbench.ui.mjs [--screenshots DIR]   (default DIR: test-results/)
//   node test/ui/workbench.ui.mjs --packaged FILE.vsix   the same checks on the packaged
//                                                        extension, installed as a user would
//
// Ends with `ui: N passed, N failed`; exit code 1 on any failure.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../host/build.mjs';
import { launchChromium } from '../host/browser.mjs';
import { runCleanups } from '../host/cleanups.mjs';
import { provision } from '../host/provision.mjs';
import { startServer } from '../host/server.mjs';

const args = process.argv.slice(2);
const packaged = args.includes('--packaged') ? args[args.indexOf('--packaged') + 1] : undefined;
const screenshotDir = args.includes('--screenshots') ? args[args.indexOf('--screenshots') + 1] : join(repoRoot, 'test-results');
const TIMEOUT_MS = Number(process.env.SOURCE_ANNOTATOR_UI_TIMEOUT_MS) || 5 * 60 * 1000;

const results = [];
function log(message) {
  process.stdout.write(`[ui] ${message}\n`);
}

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push([name, true]);
    log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push([name, false]);
    log(`  ✘ ${name}: ${error instanceof Error ? error.message : error}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The titles the Articles view should show: sidecar `title:`, else the first non-empty line. */
function expectedTitles(workspace) {
  return readdirSync(workspace).filter((name) => name.endsWith('.txt')).sort().map((name) => {
    let title;
    try {
      title = /^  title: (.*)$/m.exec(readFileSync(join(workspace, `${name}.annotations.yaml`), 'utf8'))?.[1]?.replace(/^"|"$/g, '');
    } catch {
      // no sidecar
    }
    const first = readFileSync(join(workspace, name), 'utf8').split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? name;
    return { name, title: title ?? (first.length > 120 ? `${first.slice(0, 117)}…` : first) };
  });
}

async function run() {
  const temp = mkdtempSync(join(tmpdir(), 'source-annotator-ui-'));
  const workspace = join(temp, 'seeds');
  cpSync(join(repoRoot, 'seeds'), workspace, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  const cleanups = [() => rmSync(temp, { recursive: true, force: true })];
  const timer = setTimeout(() => {
    log(`timed out after ${TIMEOUT_MS} ms`);
    results.push(['finished in time', false]);
    void runCleanups(cleanups, log).finally(() => process.exit(1));
  }, TIMEOUT_MS);
  try {
    const host = provision();
    if (packaged) log(`checking the packaged extension ${packaged}`);
    const server = await startServer({
      host,
      workspaceFolder: workspace,
      ...(packaged ? { install: [packaged] } : { extensionDevelopmentPath: repoRoot }),
      settings: {
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.minimap.enabled': false,
        'editor.wordWrap': 'on',
        'editor.fontSize': 15,
        'editor.hover.delay': 150,
        'workbench.tips.enabled': false,
        'window.commandCenter': false,
        'sourceAnnotator.articleGrammar.enabled': true,
      },
    });
    cleanups.push(() => server.stop());
    const browser = await launchChromium({ executablePath: host.chromium });
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.urlFor(workspace, [['skipWelcome', 'true']]));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

    const titles = expectedTitles(workspace);
    const articlesPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Articles' }) });

    await check('the Source Annotator view container opens from the activity bar', async () => {
      const icon = page.locator('.activitybar .action-item a[aria-label^="Source Annotator"], .activitybar .action-item .action-label[aria-label^="Source Annotator"]').first();
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      await articlesPane.waitFor({ timeout: 30_000 });
    });

    // A wider side bar, so titles are readable in the screenshots.
    await page.waitForTimeout(500);
    const sidebar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox().catch(() => null);
    if (sidebar) {
      await page.mouse.move(sidebar.x + sidebar.width + 2, sidebar.y + 300);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + 470, sidebar.y + 300, { steps: 5 });
      await page.mouse.up();
    }

    await check('the Articles view lists the seed articles with their titles', async () => {
      const rows = articlesPane.locator('.monaco-list-row');
      await page.waitForFunction((count) => document.querySelectorAll('.pane .monaco-list-row').length >= count, titles.length, { timeout: 30_000 });
      const shown = await rows.evaluateAll((elements) => elements.map((e) => e.querySelector('.label-name')?.textContent ?? ''));
      for (const { name, title } of titles) assert(shown.includes(title), `${name}: “${title}” not among ${JSON.stringify(shown)}`);
    });

    const annotated = titles.find(({ name }) => name.startsWith('002')) ?? titles[0];
    await check('opening an article from the view shows label highlights', async () => {
      const row = articlesPane.locator('.monaco-list-row', { hasText: annotated.title }).first();
      await row.click();
      await page.waitForSelector(`.tab[aria-label^="${annotated.name}"], .tab:has-text("${annotated.name}")`, { timeout: 30_000 });
      // Decorations with a background are drawn as overlay divs with a generated `ced-…` class.
      await page.waitForFunction(() => document.querySelectorAll('.editor-instance .view-overlays div[class*="ced-"]').length > 0, undefined, { timeout: 30_000 });
      const colored = await page.evaluate(() => [...document.querySelectorAll('.editor-instance .view-overlays div[class*="ced-"]')]
        .map((e) => getComputedStyle(e).backgroundColor).filter((c) => c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent').length);
      assert(colored > 0, 'highlight decorations have a background colour');
      // Expand the article in the tree so the screenshot shows its entities.
      await row.locator('.monaco-tl-twistie').click().catch(() => undefined);
      await page.waitForTimeout(800);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'articles-and-highlights.png') });
    });

    await check('hovering a mention shows the cross-source card', async () => {
      const point = await page.evaluate(() => {
        // A "Putin" in the middle of the editor (room for the card above or below): measure it
        // with a DOM range.
        for (const span of document.querySelectorAll('.editor-instance .view-lines .view-line span span')) {
          const text = span.textContent ?? '';
          const index = text.indexOf('Putin');
          const node = span.firstChild;
          if (index < 0 || !node) continue;
          const range = document.createRange();
          range.setStart(node, index + 1);
          range.setEnd(node, index + 2);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0 && rect.y > window.innerHeight * 0.45) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        return undefined;
      });
      assert(point, 'a “Putin” is visible in the editor');
      await page.mouse.move(point.x, point.y);
      await page.waitForTimeout(300);
      await page.mouse.move(point.x + 2, point.y);
      const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'Vladimir Putin' }).first();
      await hover.waitFor({ timeout: 15_000 });
      const text = await hover.innerText();
      assert(/other articles?|articles? mention/i.test(text), `the card lists other articles: ${text.slice(0, 300)}`);
      await page.waitForTimeout(300);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'hover-card.png') });
      await page.mouse.move(5, 500);
    });

    await check('Compare Sources shows a table of what each source says', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('Source Annotator: Compare Sources');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500);
      await page.keyboard.type('Kim Jong Un');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: 'Compare Sources: Kim Jong Un' }).waitFor({ timeout: 20_000 });
      const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
      await frame.locator('table th', { hasText: 'title' }).first().waitFor({ timeout: 20_000 });
      const verdicts = await frame.locator('.verdict-conflict').count();
      assert(verdicts > 0, 'a conflict is marked');
      await page.waitForTimeout(300);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'compare-sources.png') });
    });
    // ---- Reviewing teammates' work (issue 11): the Review view, a thread, the agreement report.
    // A separate block: the checks above belong to other work. Two authors (rani, budi) annotated
    // the same article; a discussion on "Kim Jong Un" is already under way in its sidecar.
    const { writeFileSync: writeFile } = await import('node:fs');
    const reviewFixture = join(repoRoot, 'test', 'fixtures', 'review');
    const reviewFolder = join(workspace, 'review-fixture');
    const reviewSidecar = join(reviewFolder, 'two-authors.txt.annotations.yaml');
    mkdirSync(reviewFolder, { recursive: true });
    writeFile(reviewSidecar, readFileSync(join(reviewFixture, 'two-authors.txt.annotations.yaml'), 'utf8').replace(
      /(  - id: r3\n(?: {4}.*\n)*? {4}status: proposed\n)/,
      '$1    reviews:\n      - by: budi\n        verdict: comment\n        at: 2026-11-30T10:00:00Z\n'
      + '        comment: Kim Jong Un or only Kim? I marked the surname.\n      - by: rani\n        verdict: comment\n'
      + '        at: 2026-11-30T10:20:00Z\n        comment: The full name, as the registry has it.\n',
    ));
    cpSync(join(reviewFixture, 'two-authors.txt'), join(reviewFolder, 'two-authors.txt'));
    // A folder made while the workbench runs is not always seen by the server's file watcher
    // at once: read the corpus again, as a person would after copying files in.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.keyboard.type('Source Annotator: Reload Corpus');
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const reviewPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Review/ }) });
    const reviewRow = (text) => reviewPane.locator('.monaco-list-row', { hasText: text }).first();

    await check("the Review view lists the other authors' proposals by article and author", async () => {
      const header = reviewPane.locator('.pane-header').first();
      await header.waitFor({ timeout: 30_000 });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      // Make room for the queue: fold the Articles view.
      const articlesHeader = articlesPane.locator('.pane-header').first();
      if ((await articlesHeader.getAttribute('aria-expanded')) === 'true') await articlesHeader.click();
      await reviewRow('Dua anotator').waitFor({ timeout: 30_000 });
      await reviewRow('budi').waitFor({ timeout: 10_000 });
      await reviewRow('“bandara Sunan”').waitFor({ timeout: 10_000 });
      const badge = await page.locator('.activitybar .badge-content').allInnerTexts();
      assert(badge.some((text) => Number(text) >= 6), `the container shows the pending count: ${JSON.stringify(badge)}`);
    });

    await check('selecting an item shows it in the article; the a key accepts it and moves on', async () => {
      await reviewRow('“bandara Sunan”').click();
      await page.waitForSelector('.tab:has-text("two-authors.txt")', { timeout: 20_000 });
      await page.waitForTimeout(500);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'review-queue.png') });
      await page.keyboard.press('a');
      // Read between the writer's steps, the file can be missing for a moment: count that as not yet.
      const sidecarText = () => { try { return readFileSync(reviewSidecar, 'utf8'); } catch { return ''; } };
      const accepted = () => /- id: b4\n(?: {4}.*\n)*? {4}status: accepted\n {4}reviews:\n {6}- by: .+\n {8}verdict: accepted/.test(sidecarText());
      for (let i = 0; i < 100 && !accepted(); i++) await page.waitForTimeout(100);
      assert(accepted(), 'b4 is accepted in the sidecar, with a review entry');
      await page.waitForFunction(() => ![...document.querySelectorAll('.pane .monaco-list-row')].some((row) => row.textContent?.includes('“bandara Sunan”')), undefined, { timeout: 10_000 });
      // Moved on: the next item (rani's "Pyongyang") is selected.
      await reviewPane.locator('.monaco-list-row.selected', { hasText: '“Pyongyang”' }).waitFor({ timeout: 10_000 });
    });

    await check('a discussion thread shows at its span, rebuilt from the sidecar', async () => {
      await reviewRow('“Kim Jong Un”').click();
      await page.waitForTimeout(500);
      // The selection is now the annotation in the article: open its thread from there.
      await page.keyboard.press('F1');
      await page.keyboard.type('Source Annotator: Discuss Annotation');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      const thread = page.locator('.review-widget', { hasText: 'The full name, as the registry has it.' }).first();
      await thread.waitFor({ timeout: 20_000 }).catch(async (error) => {
        await page.screenshot({ path: join(screenshotDir, 'review-thread-failed.png') });
        throw error;
      });
      const text = await thread.innerText();
      assert(text.includes('budi') && text.includes('rani'), `both authors in the thread: ${text.slice(0, 300)}`);
      await page.waitForTimeout(500);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'review-thread.png') });
    });

    await check('the agreement report shows the annotator table, per-label rows and the rules', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('Source Annotator: Agreement Report');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: 'Agreement' }).waitFor({ timeout: 20_000 });
      const frame = page.frameLocator('iframe.webview').last().frameLocator('iframe');
      await frame.locator('table.matrix th', { hasText: 'budi' }).first().waitFor({ timeout: 20_000 });
      const text = await frame.locator('body').innerText();
      assert(/budi and rani/.test(text) && /exact F1/.test(text) && /How these are counted/.test(text), text.slice(0, 300));
      await page.waitForTimeout(300);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'agreement-report.png') });
    });
  } finally {
    clearTimeout(timer);
    await runCleanups(cleanups, log);
  }
}

try {
  await run();
} catch (error) {
  results.push(['set-up', false]);
  log(`failed: ${error instanceof Error ? error.stack : error}`);
}
const passed = results.filter(([, ok]) => ok).length;
log(`screenshots in ${screenshotDir}`);
console.log(`${packaged ? 'packaged' : 'ui'}: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = passed === results.length && results.length > 0 ? 0 : 1;
