import { Upcoming } from '../components/Upcoming';

export function MappingScreen() {
  return <Upcoming title="Mapping" willHold="The CRM field mapping editor: which InHANCE field fills each InvoiceCloud field, with preview, versions and confirmation." />;
}
