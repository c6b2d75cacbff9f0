// `flink-pilot installations`: the Flink distributions (FLINK_HOMEs) the CLI can run `bin/flink` with —
// from the CLI config file (`flinkHomes:`), FLINK_HOME and the local installer's cache — with the
// version read from each one's flink-dist jar, and the configured ones that cannot be used.
import { defaultCliConfigPath, discoverInstallations, formatFlinkVersion } from '../../core/installations';
import { parseCommandArgs, requirePositionals } from '../cliArgs';
import type { CliContext } from '../cliContext';
import { ExitCode } from '../exitCodes';

export const INSTALLATIONS_HELP = `Usage: flink-pilot installations [--json]

Lists the Flink installations used for YARN and native Kubernetes modes, with their versions (from
lib/flink-dist*.jar, else bin/flink --version). Sources, in order of preference:
  1. flinkHomes: { NAME: DIR } in the CLI config file ($FLINK_PILOT_CONFIG, default ~/.config/flink-pilot/config.yaml)
  2. the FLINK_HOME environment variable
  3. distributions installed by \`flink-pilot local start\`
A job uses the installation whose version matches its flinkVersion (1.20 matches 1.20.x), or the one
its file names with flinkHome:. Exits 5 when a configured installation cannot be used.`;

export async function installationsCommand(ctx: CliContext, args: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs('installations', args, {});
  if (parsed.values.help) {
    ctx.io.out(INSTALLATIONS_HELP);
    return ExitCode.ok;
  }
  requirePositionals('installations', parsed, []);
  const scan = await discoverInstallations({ env: ctx.env });
  ctx.io.json({
    configFile: defaultCliConfigPath(ctx.env),
    installations: scan.installations.map((i) => ({ name: i.name, version: formatFlinkVersion(i.version), origin: i.origin, flinkHome: i.flinkHome, versionSource: i.versionSource })),
    problems: scan.problems.map((p) => ({ name: p.candidate.name, flinkHome: p.candidate.flinkHome, origin: p.candidate.origin, message: p.message })),
  });
  if (scan.installations.length === 0 && scan.problems.length === 0) {
    ctx.io.out(`No Flink installation found. Add flinkHomes to ${defaultCliConfigPath(ctx.env)}, set FLINK_HOME, or run \`flink-pilot local start\`.`);
  }
  for (const i of scan.installations) {
    ctx.io.out(`${i.name.padEnd(20)} Flink ${formatFlinkVersion(i.version).padEnd(8)} ${i.origin.padEnd(16)} ${i.flinkHome}`);
  }
  for (const p of scan.problems) ctx.io.out(`${p.candidate.name.padEnd(20)} NOT USABLE: ${p.message}`);
  return scan.problems.length ? ExitCode.invalidConfiguration : ExitCode.ok;
}
