// The alert channel keys the alert code understands are in the job-file schema too: SMTP
// `requireTls` and `caFile`, Lark `larkFormat` — validated, completed and explained like every key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { createJobFileLanguageFeatures } from '../../../server/src/languageService/jobFile/jobFileLanguageFeatures';
import { caret, jobDocument } from './support';

const features = createJobFileLanguageFeatures();
const work = mkdtempSync(join(tmpdir(), 'fp-alert-schema-'));
writeFileSync(join(work, 'company-ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Inline SQL in quotes: the tests' caret marker is `|`, YAML's block indicator.
const HEAD = 'name: demo\ntype: sql\nflinkVersion: "2.3"\ncluster: local\nsql: "INSERT INTO snk SELECT * FROM src;"\n';

function check(text: string): Array<{ code: string; covered: string; message: string }> {
  const document = jobDocument(text, 'alerts.flink.yaml', work);
  return features.diagnostics(document).map((d: Diagnostic) => ({ code: String(d.code), covered: document.getText(d.range), message: String(d.message) }));
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
function complete(textWithCaret: string): CompletionItem[] {
  const { text, offset } = caret(textWithCaret);
  const document = jobDocument(text, 'alerts.flink.yaml', work);
  return features.completion!(document, document.positionAt(offset));
}
function hoverText(textWithCaret: string): string {
  const { text, offset } = caret(textWithCaret);
  const document = jobDocument(text, 'alerts.flink.yaml', work);
  return (features.hover!(document, document.positionAt(offset))?.contents as MarkupContent | undefined)?.value ?? '';
}

const EMAIL = `${HEAD}alerts:
  channels:
    - name: mail
      type: email
      to: [oncall@example.org]
      smtp:
        host: smtp.example.org
        port: 587
        requireTls: true
        caFile: company-ca.pem
        from: flink@example.org
`;

describe('alert channel keys in the job-file schema', () => {
  it('accepts SMTP requireTls and caFile, and Lark larkFormat', () => {
    expect(check(EMAIL)).toEqual([]);
    const lark = `${HEAD}alerts:\n  channels:\n    - name: lark\n      type: webhook\n      kind: lark\n      urlSecret: lark-url\n      larkFormat: text\n`;
    expect(check(lark)).toEqual([]);
  });

  it('checks their values: a boolean, an existing CA file, a Lark message type', () => {
    const wrong = check(EMAIL.replace('requireTls: true', 'requireTls: yes please').replace('caFile: company-ca.pem', 'caFile: missing-ca.pem'));
    expect(wrong).toEqual([
      expect.objectContaining({ code: 'wrong-type', covered: 'yes please', message: '`requireTls` must be `true` or `false`, not the text "yes please".' }),
      expect.objectContaining({ code: 'missing-file', covered: 'missing-ca.pem', message: expect.stringContaining('The CA file `missing-ca.pem` does not exist') }),
    ]);
    const lark = check(`${HEAD}alerts:\n  channels:\n    - name: lark\n      type: webhook\n      kind: lark\n      urlSecret: lark-url\n      larkFormat: txt\n`);
    expect(lark).toEqual([expect.objectContaining({ code: 'invalid-enum', covered: 'txt', message: expect.stringContaining('Did you mean `text`?') })]);
  });

  it('warns when a webhook key belongs to another kind of robot', () => {
    const found = check(`${HEAD}alerts:\n  channels:\n    - name: ding\n      type: webhook\n      kind: wecom\n      urlSecret: wecom-url\n      larkFormat: text\n      signSecret: sign\n`);
    expect(found.map((f) => [f.code, f.covered])).toEqual([
      ['ignored-key', 'larkFormat'],
      ['ignored-key', 'signSecret'],
    ]);
    expect(found[0]!.message).toBe('`larkFormat` only applies to `kind: lark`; a wecom webhook ignores it.');
    // DingTalk signs; Lark both signs and has message types: no warnings.
    expect(check(`${HEAD}alerts:\n  channels:\n    - name: lark\n      type: webhook\n      kind: lark\n      urlSecret: u\n      larkFormat: interactive\n      signSecret: s\n`)).toEqual([]);
  });

  it('completes and explains the new keys and values', () => {
    const smtpKeys = labels(complete(`${HEAD}alerts:\n  channels:\n    - name: mail\n      type: email\n      smtp:\n        host: h\n        |\n`));
    expect(smtpKeys).toEqual(expect.arrayContaining(['requireTls', 'caFile', 'secure', 'port']));
    expect(labels(complete(`${HEAD}alerts:\n  channels:\n    - name: lark\n      type: webhook\n      kind: lark\n      larkFormat: |\n`))).toEqual(['interactive', 'text']);
    expect(hoverText(EMAIL.replace('requireTls: true', 'requi|reTls: true'))).toContain('STARTTLS');
    expect(hoverText(EMAIL.replace('caFile: company-ca.pem', 'caF|ile: company-ca.pem'))).toContain('relative to this job file');
  });

  it('links the CA file', () => {
    const document = jobDocument(EMAIL, 'alerts.flink.yaml', work);
    const links = features.documentLinks!(document);
    expect(links).toContainEqual(expect.objectContaining({ target: expect.stringMatching(/company-ca\.pem$/), tooltip: 'Open CA file' }));
  });
});

describe('email channels in the job-file schema', () => {
  it('need their SMTP server and sender: there is no default server to fall back on', () => {
    const noSmtp = check(`${HEAD}alerts:\n  channels:\n    - name: mail\n      type: email\n      to: [oncall@example.org]\n`);
    expect(noSmtp.map((f) => f.message)).toEqual([expect.stringContaining('Missing `smtp`')]);
    const noFrom = check(EMAIL.replace('        from: flink@example.org\n', ''));
    expect(noFrom.map((f) => [f.code, f.message])).toEqual([['missing-key', 'Missing `from` in `smtp`.']]);
  });
});
