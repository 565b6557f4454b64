// The arguments of `stats rebuild`, apart so that they can be tested without running it.

/** The --from value as an instant; undefined when it is not a date this command reads. */
export function parseFromArgument(args: readonly string[]): Date | undefined {
  const rest = args[0] === 'rebuild' ? args.slice(1) : args;
  let value: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (arg === '--from') value = rest[index + 1];
    else if (arg.startsWith('--from=')) value = arg.slice('--from='.length);
  }
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const time = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  // Date.parse rolls 2026-02-30 over into March: a date must read back as written.
  if (Number.isNaN(time) || (dateOnly && new Date(time).toISOString().slice(0, 10) !== value)) return undefined;
  return new Date(time);
}
