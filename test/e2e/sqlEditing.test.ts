// The Flink SQL language server in real VS Code (code-server in Chromium): a syntax error is
// squiggled in the editor, completion offers the columns of a table defined in the script, and
// hover over the table shows its definition. No cluster needed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCodeServer, type RunningCodeServer } from './support/codeServer';
import { Workbench } from './support/workbench';
import { createWorkspace } from './support/workspace';

const SCRIPT = [
  'CREATE TABLE orders (',
  '  order_id BIGINT,',
  '  order_total DECIMAL(10, 2),',
  '  order_time TIMESTAMP(3),',
  "  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND",
  ") WITH ('connector' = 'datagen');",
  '',
  'SELECT order_id FROM orders WHERE (;',
  '',
  '',
].join('\n');

describe('Flink SQL editing in real VS Code (code-server)', () => {
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  let step = 'start';

  beforeAll(async () => {
    const workspace = createWorkspace();
    workspace.write('orders.flink.sql', SCRIPT);
    server = await startCodeServer({ host: inject('e2eHost'), workspace: workspace.dir });
    workbench = await Workbench.open(inject('e2eHost'), server.workspaceUrl);
    await workbench.openFile('orders.flink.sql');
  });

  afterAll(async () => {
    if (workbench && step !== 'done') await workbench.screenshot(`failure-sql-editing-${step}`).catch(() => undefined);
    await workbench?.close();
    await server?.stop();
  });

  it('squiggles the syntax error in the editor', async () => {
    step = 'squiggle';
    const page = workbench!.page;
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The message itself, in words, is what the Problems panel shows (job lifecycle test).
    const rows = await workbench!.waitForProblem((row) => /orders\.flink\.sql/.test(row) || /expected/.test(row));
    expect(rows.join('\n')).toMatch(/expected|unexpected|syntax/i);
  });

  it('completes the columns of a table defined in the script', async () => {
    step = 'completion';
    const page = workbench!.page;
    await workbench!.openFile('orders.flink.sql'); // focus back in the editor
    await page.keyboard.press('Control+End');
    await page.keyboard.type('SELECT  FROM orders;');
    // Back to the select list, then type the start of a column name.
    for (let i = 0; i < ' FROM orders;'.length; i++) await page.keyboard.press('ArrowLeft');
    // At a person's pace, suggestions open by themselves (quick suggestions).
    await page.keyboard.type('order_t', { delay: 80 });
    // If they did not (a loaded machine), ask with Ctrl+Space until the widget shows.
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    for (let attempt = 0; attempt < 5 && !(await rows.first().isVisible()); attempt++) {
      await page.keyboard.press('Control+Space');
      await rows.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
    }
    await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
    const labels = (await rows.allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
    expect(labels).toEqual(expect.arrayContaining(['order_total', 'order_time']));
    expect(labels).not.toContain('order_id'); // filtered by what was typed
    await workbench!.screenshot('08-sql-completion-of-columns');
    await page.keyboard.press('Escape');
  });

  it('shows the table definition on hover', async () => {
    step = 'hover';
    const page = workbench!.page;
    // Caret on `orders` in the broken SELECT (line 8), then "Show or Focus Hover".
    await page.keyboard.press('Control+G');
    await page.keyboard.type('8:23');
    await page.keyboard.press('Enter');
    await workbench!.runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover:visible').first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.innerText();
    expect(text).toMatch(/orders/);
    expect(text).toMatch(/order_time/);
    expect(text).toMatch(/datagen/);
    await workbench!.screenshot('09-sql-hover-table');
    step = 'done';
  });
});
