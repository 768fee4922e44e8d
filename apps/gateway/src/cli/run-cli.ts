import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { checkConfig } from './check-config-command.js';
import { processIo, type CliIo } from './cli-io.js';
import { gatewayVersion } from './gateway-version.js';
import { serve } from './serve-command.js';

function integerIn(minimum: number, maximum: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < minimum || number > maximum) {
      throw new InvalidArgumentError(`Expected an integer from ${minimum} to ${maximum}.`);
    }
    return number;
  };
}

/**
 * Runs the `modelgate` CLI with arguments after the program name (`['serve', '--config', 'x.yaml']`).
 * Resolves to the exit code; `serve` resolves once listening and keeps the process alive.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('modelgate')
    .description('The modelgate AI gateway: an OpenAI-compatible server in front of many model providers.')
    .version(gatewayVersion(), '-v, --version', 'print the version')
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(run "modelgate help" for the commands, "modelgate <command> --help" for their options)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('serve')
    .description('Start the gateway server.')
    .requiredOption('-c, --config <file>', 'the YAML config file')
    .option('--host <host>', 'listen address (overrides server.host)')
    .option('--port <port>', 'listen port (overrides server.port)', integerIn(0, 65535))
    .option('--workers <count>', 'worker processes (overrides server.workers)', integerIn(1, 1024))
    .option('-q, --quiet', 'print no startup banner, only the listening line')
    .action(async (options: { config: string; host?: string; port?: number; workers?: number; quiet?: boolean }) => {
      exitCode = await serve(options, io);
    });

  program
    .command('check-config')
    .description('Validate a config file: schema, environment variables, plugins and their settings.')
    .argument('<file>', 'the YAML config file')
    .action(async (file: string) => {
      exitCode = await checkConfig(file, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  return exitCode;
}
