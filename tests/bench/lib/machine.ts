/** What the figures were measured on. */
import { spawnSync } from 'node:child_process';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

export interface Machine {
  date: string;
  cores: number;
  model: string;
  totalMemBytes: number;
  freeMemBytes: number;
  node: string;
  npm: string;
  os: string;
  /** 1-minute load average when the benchmark started: others' work on a shared machine shows here. */
  loadStart: number;
  loadEnd?: number;
}

export function machineInfo(): Machine {
  const cpuList = cpus();
  const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  return {
    date: new Date().toISOString(),
    cores: cpuList.length,
    model: cpuList[0]?.model.trim() ?? 'unknown',
    totalMemBytes: totalmem(),
    freeMemBytes: freemem(),
    node: process.version,
    npm: npm.status === 0 ? npm.stdout.trim() : 'unknown',
    os: `${platform()} ${release()}`,
    loadStart: loadavg()[0]!,
  };
}

export function finishMachine(machine: Machine): void {
  machine.loadEnd = loadavg()[0]!;
}
