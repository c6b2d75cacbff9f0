// Markdown documentation of keys and Flink options for hover and completion: description, Flink
// type, default, the version it applies to, and the recommendation with its reason.
import type { SchemaNode } from './jobFileSchemas';

/** The description without the generated "Type:" and "Recommended:" paragraphs (rendered separately). */
export function plainDescription(schema: SchemaNode): string {
  return (schema.description ?? '')
    .split('\n\n')
    .filter((paragraph) => !paragraph.startsWith('Recommended: ') && !paragraph.startsWith('Type: '))
    .join('\n\n');
}

function typeLabel(schema: SchemaNode): string | undefined {
  if (schema['x-flink-type']) return schema['x-flink-type'];
  if (schema.format === 'flink-duration') return 'Duration';
  if (schema.format === 'flink-memory-size') return 'MemorySize';
  if (schema.enum) return 'Enum';
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.length > 0 ? types.join(' | ') : undefined;
}

/** Flink's default as text (`(none)` when there is none). */
export function defaultLabel(schema: SchemaNode): string | undefined {
  if (!('x-flink-default' in schema)) return undefined;
  const value = schema['x-flink-default'];
  return value === null || value === undefined ? '(none)' : value.replace(/^"(.*)"$/, '$1');
}

/** One-line summary for completion details: `Duration · default 10 min · recommended 1 min`. */
export function shortDetail(schema: SchemaNode): string {
  const parts = [typeLabel(schema)];
  const fallback = defaultLabel(schema);
  if (fallback !== undefined) parts.push(`default ${fallback}`);
  if (schema['x-recommended']) parts.push(`recommended ${schema['x-recommended'].value}`);
  return parts.filter(Boolean).join(' · ');
}

// Flink's descriptions are plain text: `<name>` or `*:*:*` must not turn into HTML or emphasis.
const escape = (text: string): string => text.replace(/[\\*[\]<>]/g, (c) => `\\${c}`);

/** Full markdown for hover and completion documentation. */
export function keyDocumentation(key: string, schema: SchemaNode, flinkVersion?: string): string {
  const lines: string[] = [];
  const flinkKey = schema['x-flink-key'] ?? key;
  const type = typeLabel(schema);
  lines.push(`**${escape(flinkKey)}**${type ? ` · \`${type}\`` : ''}${flinkVersion && schema['x-flink-type'] ? ` · Flink ${flinkVersion}` : ''}`);
  const description = plainDescription(schema);
  const flinkOption = schema['x-flink-type'] !== undefined;
  if (description) lines.push('', flinkOption ? escape(description).replace(/\n(?!\n)/g, '  \n') : description);
  const allowed = schema.flinkEnum ?? (schema.enum?.filter((v) => typeof v === 'string' && !/^(true|false|TRUE|FALSE|True|False)$/.test(v)) as string[] | undefined);
  if (allowed && allowed.length > 0 && !(schema.description ?? '').includes('Possible values')) lines.push('', `Values: ${allowed.map((v) => `\`${v}\``).join(', ')}`);
  const fallback = defaultLabel(schema);
  if (fallback !== undefined) lines.push('', `Default: \`${fallback}\``);
  if (schema['x-flink-mode']) lines.push('', `Applies to: ${schema['x-flink-mode']}`);
  if (schema['x-since']) lines.push('', `Since Flink ${schema['x-since']}`);
  const recommended = schema['x-recommended'];
  if (recommended) lines.push('', `**Recommended:** \`${recommended.value}\` — ${recommended.reason}`);
  return lines.join('\n');
}
