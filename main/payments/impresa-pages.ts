import type { ImpresaPage } from '../clients/impresa';

/** Every item of an InHANCE listing, page after page (1,000 at a time), until it says there is no more. */
export async function allPages<T>(load: (after: number) => Promise<ImpresaPage<T>>): Promise<T[]> {
  const out: T[] = [];
  let after = 0;
  for (;;) {
    const page = await load(after);
    out.push(...page.items);
    if (!page.hasMore || page.nextCursor <= after) return out;
    after = page.nextCursor;
  }
}
