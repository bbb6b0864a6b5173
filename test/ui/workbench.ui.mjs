// UI checks in the real workbench: what a person sees. Starts the VS Code server with the
// extension on a fresh copy of seeds/ (plus two fixture articles: an Arabic one and one with
// emoji), drives headless Chromium with playwright-core, checks that the Articles view lists the
// articles, that an opened article shows label highlights, that hovering a mention shows the
// cross-source card, that a right-to-left title stays apart from its description, that emoji
// are drawn in colour, that the Explorer nests sidecars under their articles and that the Getting
// Started walkthrough opens; saves screenshots of each (those for the README and the walkthrough
// are copied by hand from DIR to media/).
//
//   node test/ui/workbench.ui.mjs [--screenshots DIR]   (default DIR: test-results/)
//   node test/ui/workbench.ui.mjs --packaged FILE.vsix   the same checks on the packaged
//                                                        extension, installed as a user would
//
// Ends with `ui: N passed, N failed`; exit code 1 on any failure.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

let currentPage;
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push([name, true]);
    log(`  ✔ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push([name, false]);
    log(`  ✘ ${name}: ${error instanceof Error ? error.message : error}`);
    // What the workbench showed when the check failed, to see why.
    const file = join(screenshotDir, `failed-${results.length}.png`);
    await currentPage?.screenshot({ path: file }).then(() => log(`    screenshot: ${file}`), () => undefined);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Fixture articles next to the seeds. The Arabic one has a sidecar with three annotations, so
// its row reads "<title> · … · 3 annotations": the case where a right-to-left title pulled the
// digits of its description into its run.
const ARABIC_ARTICLE = 'zz_ar_pyongyang.txt';
const ARABIC_TITLE = 'زيارة بوتين إلى بيونغ يانغ';
const ARABIC_TEXT = 'بوتين يصل إلى بيونغ يانغ\n\nبيونغ يانغ – وصل الرئيس الروسي بوتين إلى بيونغ يانغ للقاء كيم جونغ أون.\n';
const EMOJI_ARTICLE = 'zz_emoji.txt';
const EMOJI_TEXT = 'Putin 🤝 Kim: jabat tangan di Pyongyang 🇰🇵🇷🇺\n\nPYONGYANG – Kim Jong Un 👋🏽 menyambut Vladimir Putin ✈️ di bandara.\n';

function writeFixtures(workspace) {
  writeFileSync(join(workspace, EMOJI_ARTICLE), EMOJI_TEXT);
  writeFileSync(join(workspace, ARABIC_ARTICLE), ARABIC_TEXT);
  // Offsets in code points, as the format counts them.
  const annotation = (id, label, entity, text) => {
    const codePoints = Array.from(ARABIC_TEXT);
    const start = Array.from(ARABIC_TEXT.slice(0, ARABIC_TEXT.indexOf(text))).length;
    const end = start + Array.from(text).length;
    return [`  - id: ${id}`, `    label: ${label}`, `    start: ${start}`, `    end: ${end}`, `    text: "${text}"`,
      `    prefix: ${JSON.stringify(codePoints.slice(Math.max(0, start - 32), start).join(''))}`,
      `    suffix: ${JSON.stringify(codePoints.slice(end, end + 32).join(''))}`, `    entity: ${entity}`, '    author: ui', '    created: 2024-06-20T09:00:00Z', '    status: proposed'].join('\n');
  };
  const sidecar = [
    'version: 1', 'source:', `  file: ${ARABIC_ARTICLE}`,
    `  sha256: ${createHash('sha256').update(ARABIC_TEXT).digest('hex')}`,
    `  title: "${ARABIC_TITLE}"`, '  outlet: "الجزيرة"', '  published: 2024-06-19', '  language: ar',
    'annotations:',
    annotation('a1', 'PER', 'vladimir-putin', 'بوتين'),
    annotation('a2', 'LOC', 'pyongyang', 'بيونغ يانغ'),
    annotation('a3', 'PER', 'kim-jong-un', 'كيم جونغ أون'),
    '',
  ].join('\n');
  writeFileSync(join(workspace, `${ARABIC_ARTICLE}.annotations.yaml`), sidecar);
}

/** The titles the Articles view should show for the seeds: sidecar `title:`, else the first non-empty line. */
function expectedTitles(workspace) {
  return readdirSync(workspace).filter((name) => name.endsWith('.txt') && existsSync(join(repoRoot, 'seeds', name))).sort().map((name) => {
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
  writeFixtures(workspace);
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
    currentPage = page;
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
      // Poll the Articles pane itself: other panes (Review) have rows of their own, so a count
      // over every pane can be reached before this view has drawn any.
      const rows = articlesPane.locator('.monaco-list-row');
      const readShown = () => rows.evaluateAll((elements) => elements.map((e) => e.querySelector('.label-name')?.textContent ?? ''));
      const deadline = Date.now() + 30_000;
      let shown = await readShown();
      while (!titles.every(({ title }) => shown.includes(title)) && Date.now() < deadline) {
        await page.waitForTimeout(200);
        shown = await readShown();
      }
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
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'walkthrough-articles.png'), clip: { x: 0, y: 0, width: 1250, height: 720 } });
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
      if (!packaged) await hover.screenshot({ path: join(screenshotDir, 'walkthrough-hover.png') });
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

    /** Runs a command from the palette by its title (Escape first would drop the editor's selection). */
    const runCommand = async (title) => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget:visible input').waitFor({ timeout: 10_000 });
      await page.keyboard.type(title);
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
    };
    /** A screenshot of a region around an element's box, kept inside the viewport. */
    const shotAround = async (locator, file, pad = { left: 40, top: 40, right: 40, bottom: 40 }) => {
      const box = await locator.boundingBox();
      assert(box, `${file}: the element to photograph is visible`);
      const viewport = page.viewportSize();
      const x = Math.max(0, box.x - pad.left);
      const y = Math.max(0, box.y - pad.top);
      const clip = { x, y, width: Math.min(viewport.width, box.x + box.width + pad.right) - x, height: Math.min(viewport.height, box.y + box.height + pad.bottom) - y };
      await page.screenshot({ path: join(screenshotDir, file), clip });
    };
    const sidebarBox = async () => (await page.locator('#workbench\\.parts\\.sidebar').boundingBox()) ?? { x: 0, y: 0, width: 520, height: 1000 };

    await check('a right-to-left title stays apart from its description', async () => {
      await page.keyboard.press('Escape');
      const row = articlesPane.locator('.monaco-list-row', { hasText: 'بيونغ' }).first();
      await row.waitFor({ timeout: 30_000 });
      const measure = () => row.evaluate((element) => {
        const name = element.querySelector('.label-name');
        const description = element.querySelector('.label-description');
        return {
          label: name?.textContent ?? '', description: description?.textContent ?? '',
          labelRight: name?.getBoundingClientRect().right ?? 0, descriptionLeft: description?.getBoundingClientRect().left ?? 0,
        };
      });
      const shown = await measure();
      assert(shown.label === `\u2068${ARABIC_TITLE}\u2069`, `the title is isolated: ${JSON.stringify(shown.label)}`);
      assert(/3 annotations/.test(shown.description), `the description has the counts: ${shown.description}`);
      assert(shown.descriptionLeft >= shown.labelRight - 1, `the description (from x=${shown.descriptionLeft}) starts after the title (ends at x=${shown.labelRight})`);
      const box = await sidebarBox();
      await page.screenshot({ path: join(screenshotDir, 'articles-rtl.png'), clip: { x: 0, y: 0, width: box.x + box.width, height: Math.min(600, box.height) } });
      // Control: without the isolates the same row does run together, so the measure above
      // can tell the two apart.
      const unisolated = await row.evaluate((element) => {
        const name = element.querySelector('.label-name');
        const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
        const changed = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          changed.push([node, node.data]);
          node.data = node.data.replace(/[\u2068\u2069]/g, '');
        }
        const result = { labelRight: name.getBoundingClientRect().right, descriptionLeft: element.querySelector('.label-description').getBoundingClientRect().left };
        for (const [node, data] of changed) node.data = data;
        return result;
      });
      assert(unisolated.descriptionLeft < unisolated.labelRight - 1, `without isolates the description overlaps the title (${JSON.stringify(unisolated)}): the check no longer discriminates`);
    });

    const seedArticle = titles.find(({ name }) => name.startsWith('002')) ?? titles[0];
    /** Opens a seed article from the Articles view and selects a visible “Putin” in it. */
    const selectPutin = async () => {
      await articlesPane.locator('.monaco-list-row', { hasText: seedArticle.title }).first().click();
      await page.waitForSelector(`.tab[aria-label^="${seedArticle.name}"]`, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const point = await page.evaluate(() => {
        for (const span of document.querySelectorAll('.editor-instance .view-lines .view-line span span')) {
          const index = (span.textContent ?? '').indexOf('Putin');
          if (index < 0 || !span.firstChild) continue;
          const range = document.createRange();
          range.setStart(span.firstChild, index + 1);
          range.setEnd(span.firstChild, index + 2);
          const rect = range.getBoundingClientRect();
          if (rect.width > 0 && rect.y > 150 && rect.y < window.innerHeight * 0.6) return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
        }
        return undefined;
      });
      assert(point, 'a “Putin” is visible in the editor');
      await page.mouse.dblclick(point.x, point.y);
      await page.mouse.move(5, 500);
    };

    await check('Annotate Selection offers the labels of the registry', async () => {
      await selectPutin();
      await runCommand('Source Annotator: Annotate Selection');
      const picker = page.locator('.quick-input-widget:visible');
      await picker.locator('.quick-input-title', { hasText: 'Label for “Putin”' }).waitFor({ timeout: 15_000 });
      const labels = await picker.locator('.monaco-list-row').allInnerTexts();
      for (const name of ['Person', 'Organisation', 'Place', 'Date', 'Event']) assert(labels.some((l) => l.includes(name)), `${name} among ${JSON.stringify(labels)}`);
      await page.waitForTimeout(300);
      if (!packaged) await shotAround(picker, 'walkthrough-annotate.png', { left: 260, top: 10, right: 260, bottom: 260 });
      await page.keyboard.press('Escape');
    });

    await check('Add Fact asks for the subject, then the property', async () => {
      await runCommand('Source Annotator: Add Fact');
      const picker = page.locator('.quick-input-widget:visible');
      await picker.locator('.quick-input-title', { hasText: 'about which entity?' }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await picker.locator('.quick-input-title', { hasText: 'which property?' }).waitFor({ timeout: 15_000 });
      const properties = await picker.locator('.monaco-list-row').allInnerTexts();
      assert(properties.some((p) => p.includes('used in the corpus') || p.includes('already stated')), `properties of the corpus are offered: ${JSON.stringify(properties.slice(0, 5))}`);
      await page.waitForTimeout(300);
      if (!packaged) await shotAround(picker, 'walkthrough-fact.png', { left: 260, top: 10, right: 260, bottom: 200 });
      await page.keyboard.press('Escape');
    });

    await check('Validate Corpus finds the corpus (seeds and fixtures) valid', async () => {
      await runCommand('Source Annotator: Validate Corpus');
      await runCommand('Notifications: Show Notifications');
      const center = page.locator('.notifications-center:visible');
      const message = center.locator('.notification-list-item', { hasText: 'Corpus is' }).first();
      await message.waitFor({ timeout: 30_000 });
      const text = await message.innerText();
      assert(/Corpus is valid: 7 articles/.test(text), `the message: ${text}`);
      await page.waitForTimeout(300);
      if (!packaged) await shotAround(center, 'walkthrough-validate.png', { left: 16, top: 16, right: 10, bottom: 10 });
      await page.keyboard.press('Escape');
    });

    await check('emoji in an article are drawn in colour, not as boxes', async () => {
      await articlesPane.locator('.monaco-list-row', { hasText: 'jabat tangan' }).first().click();
      await page.waitForSelector(`.tab[aria-label^="${EMOJI_ARTICLE}"]`, { timeout: 30_000 });
      await page.waitForTimeout(500);
      // Draw an emoji with the editor's font stack (the same fallback as the text): a colour
      // font gives saturated pixels, a missing glyph a grey box.
      const saturated = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const context = canvas.getContext('2d');
        context.font = `48px ${getComputedStyle(document.querySelector('.editor-instance .view-lines')).fontFamily}`;
        context.textBaseline = 'top';
        context.fillStyle = '#000';
        context.fillText('🤝', 4, 4);
        const data = context.getImageData(0, 0, 64, 64).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 40) count++;
        return count;
      });
      assert(saturated > 100, `🤝 has colour (${saturated} saturated pixels)`);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'emoji-article.png'), clip: { x: 0, y: 0, width: 1600, height: 400 } });
    });

    await check('the Explorer shows each sidecar nested under its article', async () => {
      await page.keyboard.press('Escape');
      await runCommand('View: Show Explorer');
      const explorerRows = page.locator('.explorer-folders-view .monaco-list-row');
      const readRows = () => explorerRows.evaluateAll((elements) => elements.map((e) => ({
        name: e.querySelector('.label-name')?.textContent ?? '', level: e.getAttribute('aria-level'), expanded: e.getAttribute('aria-expanded'),
      })));
      // Nested articles are collapsible rows; their sidecars are not top-level rows.
      await page.waitForFunction((name) => [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')]
        .some((row) => row.querySelector('.label-name')?.textContent === name && row.hasAttribute('aria-expanded')), seedArticle.name, { timeout: 30_000 });
      const rows = await readRows();
      for (const name of [...titles.map((t) => t.name), ARABIC_ARTICLE]) {
        const row = rows.find((r) => r.name === name);
        assert(row && row.level === '1' && row.expanded !== null, `${name} is a top-level nest: ${JSON.stringify(row)}`);
        if (row.expanded === 'false') assert(!rows.some((r) => r.name === `${name}.annotations.yaml`), `${name}.annotations.yaml is hidden in its collapsed nest`);
      }
      const emoji = rows.find((row) => row.name === EMOJI_ARTICLE);
      assert(emoji && emoji.expanded === null, `an article without a sidecar is no nest: ${JSON.stringify(emoji)}`);
      // Expanding an article shows its sidecar right under it, one level down.
      const articleRow = explorerRows.nth(rows.findIndex((r) => r.name === seedArticle.name));
      if ((await articleRow.getAttribute('aria-expanded')) !== 'true') await articleRow.locator('.monaco-tl-twistie').click();
      await page.waitForTimeout(500);
      // (The Explorer reports nested files at their folder's aria-level, so the nest is told by
      // the sidecar appearing right under its expanded article.)
      const expanded = await readRows();
      const at = expanded.findIndex((r) => r.name === seedArticle.name);
      assert(expanded[at]?.expanded === 'true' && expanded[at + 1]?.name === `${seedArticle.name}.annotations.yaml`,
        `the sidecar right under its expanded article: ${JSON.stringify(expanded.slice(at, at + 2))}`);
      const settings = readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8');
      assert(/"explorer\.fileNesting\.enabled":\s*true/.test(settings), `the workspace settings switch nesting on: ${settings}`);
      const box = await sidebarBox();
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'explorer-nesting.png'), clip: { x: 0, y: 0, width: box.x + box.width, height: Math.min(460, box.height) } });
    });

    await check('the Getting Started walkthrough opens with its five steps and pictures, and a step button completes its step', async () => {
      // A full-width editor: the walkthrough hides its pictures when it is narrow.
      await runCommand('View: Close All Editors');
      await page.waitForTimeout(500);
      await runCommand('Welcome: Open Walkthrough');
      await page.waitForTimeout(500);
      await page.keyboard.type('Source Annotator');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      const walkthrough = page.locator('.gettingStartedContainer').first();
      await walkthrough.locator('text=Get Started with Source Annotator').first().waitFor({ timeout: 30_000 });
      const text = await walkthrough.innerText();
      for (const step of ['Open the sample corpus', 'Annotate a mention', 'See what the other sources say', 'Add a fact', 'Validate the corpus']) {
        assert(text.includes(step), `step “${step}” is shown`);
      }
      await page.waitForFunction(() => [...document.querySelectorAll('.gettingStartedContainer img')]
        .some((img) => (img.getAttribute('alt') ?? '').startsWith('The Articles view lists the five sample articles') && img.complete && img.naturalWidth > 0), undefined, { timeout: 15_000 });
      await page.waitForTimeout(500);
      if (!packaged) await page.screenshot({ path: join(screenshotDir, 'walkthrough.png') });
      const validateStep = walkthrough.locator('.getting-started-step', { hasText: 'Validate the corpus' }).first();
      await validateStep.click();
      await walkthrough.getByRole('button', { name: 'Validate Corpus' }).first().click();
      // A step's checkbox is `aria-checked` once one of its completion events happened.
      const completedSteps = () => page.evaluate(() => [...document.querySelectorAll('.gettingStartedContainer [aria-checked="true"]')]
        .map((box) => (box.closest('.getting-started-step') ?? box.parentElement)?.querySelector('.step-title')?.textContent ?? ''));
      await page.waitForFunction(() => [...document.querySelectorAll('.gettingStartedContainer [aria-checked="true"]')]
        .some((box) => (box.closest('.getting-started-step') ?? box.parentElement)?.textContent?.includes('Validate the corpus')), undefined, { timeout: 30_000 });
      log(`    completed steps: ${JSON.stringify([...new Set(await completedSteps())])}`);
    });

    await check('a folder of plain texts gets the view with a welcome that starts a corpus there', async () => {
      // No entities.yaml and no sidecar: nothing activates the extension but opening its view.
      const plain = join(temp, 'plain-texts');
      mkdirSync(plain);
      writeFileSync(join(plain, 'LICENSE.txt'), 'MIT License\n\nCopyright (c) 2024\n');
      writeFileSync(join(plain, 'catatan.txt'), 'Catatan lapangan dari Pyongyang\n\nPutin tiba pada 19 Juni 2024.\n');
      const second = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      currentPage = second;
      try {
        await second.goto(server.urlFor(plain, [['skipWelcome', 'true']]));
        await second.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        const icon = second.locator('.activitybar .action-item a[aria-label^="Source Annotator"], .activitybar .action-item .action-label[aria-label^="Source Annotator"]').first();
        await icon.waitFor({ timeout: 60_000 });
        await icon.click();
        const pane = second.locator('.pane', { has: second.locator('.pane-header', { hasText: 'Articles' }) });
        const welcome = pane.locator('.welcome-view-content');
        await welcome.locator('text=No corpus here yet').waitFor({ timeout: 30_000 });
        assert(await pane.locator('.monaco-list-row').count() === 0, 'the texts are not listed before there is a corpus');
        assert(!existsSync(join(plain, '.vscode', 'settings.json')), 'no settings are written where there is no corpus');
        await second.waitForTimeout(300);
        if (!packaged) await second.screenshot({ path: join(screenshotDir, 'plain-texts-welcome.png') });
        await welcome.getByRole('button', { name: 'Create entities.yaml' }).click();
        await pane.locator('.monaco-list-row', { hasText: 'Catatan lapangan dari Pyongyang' }).waitFor({ timeout: 30_000 });
        assert(existsSync(join(plain, 'entities.yaml')), 'entities.yaml is created at the folder root');
        const settingsFile = join(plain, '.vscode', 'settings.json');
        const readSettings = () => (existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '');
        const deadline = Date.now() + 30_000;
        while (!/fileNesting/.test(readSettings()) && Date.now() < deadline) await second.waitForTimeout(200);
        const settings = readSettings();
        assert(/"explorer\.fileNesting\.enabled":\s*true/.test(settings), `the new corpus gets nesting: ${settings}`);
      } finally {
        currentPage = page;
        await second.close();
      }
    });

    await check('a large corpus says in the status bar how far its loading is', async () => {
      // 3,000 annotated articles (the seeds in 600 folders): reading them through the remote
      // file system takes long enough to see the progress, which a five-article corpus never shows.
      const large = join(temp, 'large-corpus');
      mkdirSync(large);
      cpSync(join(repoRoot, 'seeds', 'entities.yaml'), join(large, 'entities.yaml'));
      const seedFiles = readdirSync(join(repoRoot, 'seeds')).filter((name) => name !== 'entities.yaml');
      for (let folder = 0; folder < 600; folder++) {
        const target = join(large, `f${String(folder).padStart(3, '0')}`);
        mkdirSync(target);
        for (const name of seedFiles) cpSync(join(repoRoot, 'seeds', name), join(target, name));
      }
      const third = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      currentPage = third;
      try {
        await third.goto(server.urlFor(large, [['skipWelcome', 'true']]));
        await third.waitForSelector('.monaco-workbench', { timeout: 60_000 });
        const progress = third.locator('.statusbar-item', { hasText: /reading [\d,]+ of 3,000 articles|indexing [\d,]+ articles/ }).first();
        await progress.waitFor({ timeout: 60_000 });
        // What it says while the load goes on, until it goes away (read and indexed).
        const seen = [];
        const deadline = Date.now() + 120_000;
        for (;;) {
          const text = (await progress.innerText({ timeout: 1000 }).catch(() => undefined))?.trim();
          if (text === undefined) break;
          if (!seen.includes(text)) {
            seen.push(text);
            if (seen.length === 2 && !packaged) await third.screenshot({ path: join(screenshotDir, 'loading-progress.png') });
          }
          assert(Date.now() < deadline, `still loading after 2 minutes: ${JSON.stringify(seen)}`);
          await third.waitForTimeout(100);
        }
        log(`    status bar said ${seen.length} things: ${JSON.stringify([...seen.slice(0, 3), '…', ...seen.slice(-2)])}`);
        assert(seen.some((text) => /reading [1-9][\d,]* of 3,000 articles|indexing [\d,]+ articles/.test(text)), `the count moved on: ${JSON.stringify(seen)}`);
      } finally {
        currentPage = page;
        await third.close();
      }
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
    // The checks above leave the Explorer in the side bar: show the Source Annotator views again.
    await page.keyboard.press('Escape');
    await runCommand('Source Annotator: Focus on Review View');
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
