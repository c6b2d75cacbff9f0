// Drives the VS Code workbench in Chromium (playwright-core) the way a person does: the command
// palette, quick open, the Problems panel, tree views and the status bar are ordinary DOM.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot } from '../setupCodeServer.mjs';
import type { E2eHost } from './e2eHost';

/** Screenshots of key steps and failures; the README shows some of them. */
export const screenshotDir = join(repoRoot, 'test-results', 'e2e');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export class Workbench {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(host: E2eHost, url: string): Promise<Workbench> {
    const userDataDir = mkdtempSync(join(tmpdir(), 'flink-pilot-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: host.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1600, height: 1000 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer and status bar are there once the workbench restored its layout.
    await page.locator('.statusbar').waitFor({ state: 'visible' });
    return new Workbench(context, page);
  }

  /** A workbench already showing in `page` (desktop VS Code launched through Playwright's Electron support). */
  static async attach(context: BrowserContext, page: Page, close?: () => Promise<void>): Promise<Workbench> {
    page.setDefaultTimeout(30_000);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('.statusbar').waitFor({ state: 'visible' });
    const workbench = new Workbench(context, page);
    if (close) workbench.closeHook = close;
    return workbench;
  }

  private closeHook?: () => Promise<void>;

  async close(): Promise<void> {
    if (this.closeHook) return this.closeHook();
    await this.context.close();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the command palette by its title, e.g. `Flink: Submit Job`. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await input.press('Enter');
    // The palette closes, or the command opens its own quick pick in the same widget.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (!(await this.quickInput.isVisible())) return;
      if ((await input.inputValue().catch(() => '')) !== `>${title}`) return;
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits for a quick pick opened by a command and picks the row whose label contains `text`. */
  async pick(text: string | RegExp): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await row.click();
  }

  /** Opens a workspace file with quick open (Ctrl+P). */
  async openFile(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(fileName);
    await this.quickInput.locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
    await this.page.locator('.tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Opens the Problems panel and returns the rows' texts once `predicate` holds for one of them. */
  async waitForProblem(predicate: (row: string) => boolean, timeoutMs = 60_000): Promise<string[]> {
    await this.runCommand('View: Focus Problems');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    const deadline = Date.now() + timeoutMs;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      if (texts.some(predicate)) return texts;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`No matching entry in the Problems panel within ${timeoutMs} ms. Rows: ${JSON.stringify(texts)}`);
  }

  /** The text (and ARIA label, which holds the tooltip-free description) of status bar items. */
  async statusBarTexts(): Promise<string[]> {
    return (await this.page.locator('.statusbar .statusbar-item').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  async waitForStatusBarItem(predicate: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = await this.statusBarTexts();
      const found = texts.find(predicate);
      if (found) return found;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`No matching status bar item within ${timeoutMs} ms. Items: ${JSON.stringify(texts)}`);
  }

  /** Shows the Flink activity-bar container (Clusters, Jobs, Savepoints). */
  async showFlinkViews(): Promise<void> {
    await this.runCommand('View: Show Flink');
  }

  /** Rows of a tree view, found by the view's title in its pane header. */
  treeRows(viewTitle: string): Locator {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewTitle }) });
    return pane.locator('.monaco-list-row');
  }

  /** The rows' texts of a view, whitespace collapsed. */
  private async treeRowTexts(viewTitle: string): Promise<string[]> {
    return (await this.treeRows(viewTitle).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /**
   * Polls until a row of a view matches; returns it and its text. Descriptions tick (uptime, ages):
   * each poll matches the rows afresh rather than a remembered text.
   */
  private async findTreeRow(viewTitle: string, predicate: (row: string) => boolean, timeoutMs: number): Promise<{ row: Locator; text: string }> {
    const deadline = Date.now() + timeoutMs;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = await this.treeRowTexts(viewTitle);
      const index = texts.findIndex(predicate);
      if (index >= 0) return { row: this.treeRows(viewTitle).nth(index), text: texts[index]! };
      await this.page.waitForTimeout(250);
    }
    throw new Error(`No matching row in the ${viewTitle} view within ${timeoutMs} ms. Rows: ${JSON.stringify(texts)}`);
  }

  async waitForTreeRow(viewTitle: string, predicate: (row: string) => boolean, timeoutMs = 60_000): Promise<string> {
    return (await this.findTreeRow(viewTitle, predicate, timeoutMs)).text;
  }

  /** Clicks the first row of a view whose text matches (runs the row's command, e.g. open detail). */
  async clickTreeRow(viewTitle: string, predicate: (row: string) => boolean, timeoutMs = 60_000): Promise<void> {
    await (await this.findTreeRow(viewTitle, predicate, timeoutMs)).row.click();
  }

  /** Waits until no row of a view matches `predicate` (e.g. after deleting what it showed). */
  async waitForNoTreeRow(viewTitle: string, predicate: (row: string) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let texts: string[] = [];
    while (Date.now() < deadline) {
      texts = await this.treeRowTexts(viewTitle);
      if (!texts.some(predicate)) return;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`A matching row stayed in the ${viewTitle} view for ${timeoutMs} ms. Rows: ${JSON.stringify(texts)}`);
  }

  /** Right-clicks the first row of a view whose text matches and runs `action` from its context menu. */
  async contextMenuOnTreeRow(viewTitle: string, predicate: (row: string) => boolean, action: string, timeoutMs = 60_000): Promise<void> {
    await (await this.findTreeRow(viewTitle, predicate, timeoutMs)).row.click({ button: 'right' });
    const item = this.page.locator('.monaco-menu .action-item', { hasText: action }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    // Monaco's menus act on the focused item; a click right as the menu opens can be swallowed.
    await item.hover();
    await this.page.keyboard.press('Enter');
  }

  /** Answers a modal dialog (e.g. a confirmation) by its button. */
  async answerDialog(button: string, timeoutMs = 30_000): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    const text = await dialog.innerText();
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    return text;
  }

  /** Waits until some webview frame has `selector` (webviews are nested iframes) and returns its text. */
  async waitForWebview(selector: string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        const found = await frame.locator(selector).first().textContent({ timeout: 200 }).catch(() => null);
        if (found !== null) return found;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`No webview showed ${selector} within ${timeoutMs} ms.`);
  }

  /** Drags the side bar's sash to the right, so the rows' descriptions fit in screenshots. */
  async widenSideBar(pixels: number): Promise<void> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sidebar) return;
    const edge = sidebar.x + sidebar.width;
    const sashes = this.page.locator('.monaco-sash.vertical');
    for (let i = 0; i < (await sashes.count()); i++) {
      const box = await sashes.nth(i).boundingBox();
      if (!box || Math.abs(box.x + box.width / 2 - edge) > 6 || box.height < sidebar.height / 2) continue;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await this.page.mouse.move(x, y);
      await this.page.mouse.down();
      await this.page.mouse.move(x + pixels / 2, y, { steps: 5 });
      await this.page.mouse.move(x + pixels, y, { steps: 5 });
      await this.page.mouse.up();
      return;
    }
  }

  /** Hides the bottom panel (Problems, Output) when it is showing. */
  async hidePanel(): Promise<void> {
    if (await this.page.locator('.part.panel').isVisible()) await this.page.keyboard.press('Control+J');
  }

  /** Moves the pointer out of the way, so no hover tooltip covers a screenshot. */
  async parkMouse(): Promise<void> {
    await this.page.mouse.move(5, 5);
  }
}
