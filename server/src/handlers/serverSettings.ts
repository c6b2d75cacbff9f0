// Reads ServerSettings from `initializationOptions` (flat) or `workspace/didChangeConfiguration`
// (nested under the `flinkPilot` section), ignoring anything malformed.
import { SUPPORTED_FLINK_VERSIONS, type FlinkVersionLine, type ServerSettings } from '../protocol';

export function settingsFrom(raw: unknown, previous: ServerSettings = {}): ServerSettings {
  if (!raw || typeof raw !== 'object') return previous;
  const record = raw as Record<string, unknown>;
  const section = record.flinkPilot && typeof record.flinkPilot === 'object' ? (record.flinkPilot as Record<string, unknown>) : record;
  const next: ServerSettings = { ...previous };
  const version = section.flinkVersion;
  if (typeof version === 'string' && (SUPPORTED_FLINK_VERSIONS as readonly string[]).includes(version)) {
    next.flinkVersion = version as FlinkVersionLine;
  }
  return next;
}
