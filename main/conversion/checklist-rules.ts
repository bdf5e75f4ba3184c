import type { AutoRule } from '../../shared/domain/checklist';
import type { PdfCheck, SampleImage, SetupFields } from '../../shared/domain/setup';

/** A dated event and who caused it. */
export interface Stamp {
  at: string;
  by: string;
}

/** Everything the checklist's rules read, gathered once per checklist. Pure data, so the rules are pure. */
export interface ChecklistFacts {
  biller: { invoiceFormatGuid: string | null; postingMode: 'pending' | 'live'; createdAt: string };
  /** Per secret: stored, missing, or null when the keychain could not be asked. */
  secrets: { webServiceKey: boolean | null; impresaPassword: boolean | null };
  /** The latest successful connection test per system (from the audit log). */
  connections: { invoicecloud: Stamp | null; impresa: Stamp | null };
  setup: SetupFields;
  pdfCheck: PdfCheck | null;
  sampleImage: SampleImage | null;
  /** The BIF notification dates in words ('off' for one not sent). */
  bifDates: string[];
  mapping: { state: 'confirmed' | 'outdated' | 'not-confirmed'; message: string };
  /** Per job: whether its schedule is the source document's frequency, and its first successful real run. */
  jobs: Array<{ label: string; atDocumentFrequency: boolean; scheduleText: string; firstSuccess: Stamp | null }>;
  /** When the last weekly support call was held (null until the calls domain tells us). */
  lastCallAt: string | null;
  now: Date;
}

export interface RuleResult {
  done: boolean;
  /** Why, in words: "both connections tested 2026-12-03 by Pat Lee" or what is still missing. */
  text: string;
}

const dayOf = (iso: string) => iso.slice(0, 10);
const stamp = (s: Stamp) => `${dayOf(s.at)} by ${s.by}`;

function pdfVerified(f: ChecklistFacts): RuleResult | null {
  const t = f.setup.billImages.pdfLinkTemplate;
  if (f.setup.billImages.method !== 'pdf-linking' || !t || !f.pdfCheck?.ok) return null;
  return {
    done: true,
    text: `PDF link verified on bill ${f.pdfCheck.billNumber} (${f.pdfCheck.contentType}, ${f.pdfCheck.bytes} bytes) ${stamp(f.pdfCheck)}`,
  };
}

const RULES: Record<AutoRule, (f: ChecklistFacts) => RuleResult> = {
  'credentials-tested': (f) => {
    const missing = [
      f.secrets.webServiceKey ? null : 'the web service key is not stored',
      f.secrets.impresaPassword ? null : 'the InHANCE password is not stored',
      f.connections.invoicecloud ? null : 'InvoiceCloud has not been tested successfully',
      f.connections.impresa ? null : 'InHANCE Impresa has not been tested successfully',
    ].filter((m): m is string => m !== null);
    if (missing.length) return { done: false, text: `Not yet: ${missing.join('; ')}.` };
    const latest = [f.connections.invoicecloud!, f.connections.impresa!].sort((a, b) => a.at.localeCompare(b.at))[1]!;
    return { done: true, text: `credentials stored and both connections tested ${stamp(latest)}` };
  },
  'track70-received': (f) => {
    const t = f.setup.track70;
    if (t.status === 'received' && f.biller.invoiceFormatGuid)
      return {
        done: true,
        text: `Track 70 ${t.reference ? `${t.reference} ` : ''}received and invoice format GUID entered`,
      };
    if (t.status === 'received')
      return {
        done: false,
        text: 'Not yet: Track 70 is received but the invoice format GUID is not entered on the profile.',
      };
    if (t.status === 'submitted')
      return {
        done: false,
        text: `Not yet: Track 70 submitted${t.submittedOn ? ` on ${t.submittedOn}` : ''}, waiting for the invoice format GUID.`,
      };
    return { done: false, text: 'Not yet: Track 70 is not submitted.' };
  },
  // The profile cannot be saved without a posting mode: its existence says the choice was made.
  'posting-mode-chosen': (f) => ({
    done: true,
    text: `${f.biller.postingMode === 'live' ? 'live posting' : 'pending payments'} chosen on the biller profile`,
  }),
  'bill-image-ready': (f) => {
    const pdf = pdfVerified(f);
    if (pdf) return pdf;
    if (f.sampleImage)
      return {
        done: true,
        text: `sample bill image ${f.sampleImage.fileName} provided ${stamp({ at: f.sampleImage.importedAt, by: f.sampleImage.importedBy })}`,
      };
    return { done: false, text: 'Not yet: no verified PDF link and no sample bill image.' };
  },
  'template-submitted': (f) => {
    const pdf = pdfVerified(f);
    if (pdf) return { done: true, text: `not needed: ${pdf.text}` };
    const s = f.setup.billImages.templateStatus;
    if (f.setup.billImages.method === 'template-track' && (s === 'requested' || s === 'in-progress' || s === 'done'))
      return { done: true, text: `Template Track request ${s === 'done' ? 'done' : 'submitted'}` };
    return { done: false, text: 'Not yet: no Template Track request and no verified PDF link.' };
  },
  'pdf-link-verified': (f) =>
    pdfVerified(f) ?? { done: false, text: 'Not yet: no PDF link template verified against a real bill.' },
  'caselle-access': (f) => {
    if (!f.setup.caselle.applies) return { done: true, text: 'not applicable: the biller does not use Caselle/COWS' };
    if (f.setup.caselle.status === 'granted')
      return {
        done: true,
        text: `Caselle server access granted${f.setup.caselle.host ? ` (${f.setup.caselle.host})` : ''}`,
      };
    return {
      done: false,
      text: `Not yet: Caselle server access is ${f.setup.caselle.status === 'requested' ? 'requested' : 'not requested'}.`,
    };
  },
  'bif-dates-set': (f) => {
    const on = f.bifDates.filter((d) => d !== 'off');
    if (on.length === 0) return { done: false, text: 'Not yet: every email notification date is off.' };
    return { done: true, text: `email notification dates set: ${on.join('; ')}` };
  },
  'mapping-confirmed': (f) => ({
    done: f.mapping.state === 'confirmed',
    text: f.mapping.state === 'confirmed' ? f.mapping.message : `Not yet: ${f.mapping.message}`,
  }),
  'ivr-done': (f) =>
    f.setup.ivr.status === 'done'
      ? { done: true, text: 'IVR (utilitysearch2) marked done' }
      : {
          done: false,
          text: `Not yet: IVR is ${f.setup.ivr.status === 'in-progress' ? 'in progress' : 'not started'}.`,
        },
  'jobs-configured-and-run': (f) => {
    const off = f.jobs
      .filter((j) => !j.atDocumentFrequency)
      .map((j) => `${j.label} runs ${j.scheduleText.toLowerCase()}`);
    const never = f.jobs.filter((j) => !j.firstSuccess).map((j) => j.label);
    if (f.jobs.length < 6 || off.length || never.length) {
      const parts = [
        off.length ? `not at the document's frequency: ${off.join(', ')}` : '',
        never.length ? `never run successfully: ${never.join(', ')}` : '',
      ].filter(Boolean);
      return { done: false, text: `Not yet: ${parts.join('; ') || 'not every job is available'}.` };
    }
    const last = f.jobs
      .map((j) => j.firstSuccess!)
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1)!;
    return {
      done: true,
      text: `the six jobs run at the document's frequencies and each ran successfully, the last first success ${stamp(last)}`,
    };
  },
  'weekly-call-held': (f) => {
    if (!f.lastCallAt)
      return { done: false, text: 'No call recorded yet: add the call on the Calls screen (or mark it by hand).' };
    const days = (f.now.getTime() - Date.parse(f.lastCallAt)) / 86_400_000;
    return days <= 7
      ? { done: true, text: `weekly call held ${dayOf(f.lastCallAt)}` }
      : { done: false, text: `Not yet: the last call was ${dayOf(f.lastCallAt)}, more than 7 days ago.` };
  },
  'project-active': (f) => {
    const p = f.setup.projectActive;
    if (!p.confirmedOn) return { done: false, text: 'Not yet: no date the project was confirmed active with InHANCE.' };
    return {
      done: true,
      text: `project confirmed active with InHANCE on ${p.confirmedOn}${p.confirmedWith ? ` with ${p.confirmedWith}` : ''}`,
    };
  },
};

export function evaluateRule(rule: AutoRule, facts: ChecklistFacts): RuleResult {
  return RULES[rule](facts);
}
