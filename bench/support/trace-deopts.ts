/**
 * Runs a bench script again under V8's --trace-opt --trace-deopt-verbose --trace-file-names and
 * summarizes what the JIT did between the script's "=== BATCH START" and
 * "=== BATCH END" lines (its `--marks`), over every isolate (the main thread
 * and each worker write to the same stdout): optimizing compiles per function
 * with their compile ms (time the compiler threads spend, V8Worker in
 * /proc), and deopts per function, reason and source position. A function
 * rebuilt again and again late in a batch is JIT churn: type feedback that
 * keeps changing (object shapes, Smi vs double, call targets).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

type Fn = { maglev: number; turbofan: number; compileMs: number; deopts: number; late: number };

/** The function's name and file in a trace line's `<JSFunction name <file> (sfi = …)>` ("(anonymous)" when it has none). */
function fnName(line: string): string {
  const m = /<JSFunction ([^ <>(]*) ?(?:<([^>]*)> )?\(sfi/.exec(line);
  if (!m) return '?';
  const path = m[2] ?? '';
  // A package's file as package/file; one of ours from core/ or src-main/.
  const file = path.includes('/node_modules/') ? path.replace(/^.*\/node_modules\/([^/]*\/).*\//, '$1') : path.replace(/^.*\/((core|src-main|bench)\/)/, '$1');
  return `${m[1] || '(anonymous)'} ${file}`.trim();
}

/** `script args…` run under the tracing flags, its own lines passed through, then the summary printed. */
export async function traceDeopts(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, '--trace-opt', '--trace-deopt-verbose', '--trace-file-names', process.argv[1], ...args, '--marks'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROADSHEET_TRACED: '1' },
  });
  // The script's report comes on stderr; its marks on stdout, in order with the trace.
  const report = (async () => {
    for await (const line of createInterface({ input: child.stderr })) console.log(line);
  })();
  const fns = new Map<string, Fn>();
  const deopts = new Map<string, number>();
  const fn = (name: string) => {
    let f = fns.get(name);
    if (!f) fns.set(name, (f = { maglev: 0, turbofan: 0, compileMs: 0, deopts: 0, late: 0 }));
    return f;
  };
  let inBatch = false;
  /** Past "=== BATCH HALF": a function still compiled there has not settled after a dozen files. */
  let late = false;
  /** The bailout whose ";;; deoptimize at" line is still to come. */
  let pending: { name: string; reason: string } | null = null;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === '=== BATCH START' || line === '=== BATCH END') {
      inBatch = line === '=== BATCH START';
      continue;
    }
    if (line === '=== BATCH HALF') {
      late = true;
      continue;
    }
    if (!inBatch) continue;
    const done = /^\[completed compiling .*\(target (MAGLEV|TURBOFAN_JS)\).* - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
    if (done) {
      const f = fn(fnName(line));
      if (done[1] === 'MAGLEV') f.maglev++;
      else f.turbofan++;
      f.compileMs += Number(done[2]) + Number(done[3]) + Number(done[4]);
      if (late) f.late++;
      continue;
    }
    const bail = /^\[bailout \(kind: ([^,]*), reason: (.*)\): begin/.exec(line);
    if (bail) {
      // Entering OSR code is no churn; lazy deopts follow the "marking dependent code" of another change.
      if (bail[2].startsWith('prepare for on stack replacement')) continue;
      pending = { name: fnName(line), reason: `${late ? 'late ' : ''}${bail[1]}: ${bail[2]}` };
      fn(pending.name).deopts++;
      continue;
    }
    const at = /^\s+;;; deoptimize at (.*)/.exec(line);
    if (at && pending) {
      const where = at[1].replace(/file:\/\/[^<>]*?\/((core|src-main|node_modules)\/)/g, '$1');
      const key = `${pending.name} | ${pending.reason} | ${where}`;
      deopts.set(key, (deopts.get(key) ?? 0) + 1);
      pending = null;
    }
  }
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  await report;
  if (code !== 0) throw new Error(`the traced run exited with ${code}`);
  const all = [...fns.entries()];
  const sum = (k: keyof Fn) => all.reduce((s, [, f]) => s + f[k], 0);
  console.log(
    `\nJIT in the batch: ${sum('maglev')} Maglev + ${sum('turbofan')} TurboFan compiles (${sum('late')} in its second half), ${sum('compileMs').toFixed(0)} ms compiling (wall time of the compile jobs: inflated by load), ${sum('deopts')} deopts (OSR entries left out)`,
  );
  console.log(`${'top functions by compile ms:'.padEnd(62)} maglev turbofan  compile-ms  deopts  late-compiles`);
  for (const [name, f] of all.sort((a, b) => b[1].compileMs - a[1].compileMs).slice(0, 25)) {
    console.log(`  ${name.padEnd(60)} ${String(f.maglev).padStart(6)} ${String(f.turbofan).padStart(8)} ${f.compileMs.toFixed(1).padStart(11)} ${String(f.deopts).padStart(7)} ${String(f.late).padStart(14)}`);
  }
  console.log('deopts (count | function | [late: in the second half] kind: reason | where):');
  for (const [key, n] of [...deopts.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)} | ${key}`);
}
