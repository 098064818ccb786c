/**
 * Where the CPU went while something ran: the user and system time of each process of the stack, read
 * from /proc, so that a bench can say which process limits it on a machine where they share the cores.
 */
import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

export interface CpuShare {
  name: string;
  seconds: number;
}

function cpuSecondsOf(pid: number): number {
  // Fields after the command (which may hold spaces) start after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export class CpuAccount {
  private readonly start: Map<string, number>;

  constructor(private readonly processes: ReadonlyArray<{ name: string; pid: number }>) {
    this.start = new Map(processes.map((p) => [p.name, cpuSecondsOf(p.pid)]));
  }

  /** CPU seconds each process used since the account was opened, largest first. */
  read(): CpuShare[] {
    return this.processes
      .map((p) => ({ name: p.name, seconds: Number((cpuSecondsOf(p.pid) - this.start.get(p.name)!).toFixed(2)) }))
      .sort((a, b) => b.seconds - a.seconds);
  }
}
