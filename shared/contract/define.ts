import * as z from 'zod';

/** One request/response channel: `domain:verb`, validated on both sides by zod. */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Shown in the contract reference and on hover; says what the call does. */
  readonly doc: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string): ChannelDef<I, O> {
  return { input, output, doc };
}

/** A domain is a map verb → channel; the channel name on the wire is `domain:verb`. */
export type DomainDef = Record<string, ChannelDef>;
export type ContractDef = Record<string, DomainDef>;

export const noInput = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
