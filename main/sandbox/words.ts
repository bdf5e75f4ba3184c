/** Small embedded word lists: enough variety for realistic-looking customers without a data file. */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Dorothy', 'George', 'Melissa', 'Timothy', 'Deborah',
  'Ronald', 'Stephanie', 'Edward', 'Rebecca', 'Jason', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia',
  'Jacob', 'Kathleen', 'Gary', 'Amy', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Anna',
  'Luis', 'Maria', 'Carlos', 'Rosa', 'Wei', 'Mei', 'Raj', 'Priya', 'Omar', 'Fatima',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', "O'Brien", 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson',
] as const;

/** Businesses hold a share of utility accounts (the "&" exercises XML and CSV escaping). */
export const BUSINESS_NAMES = [
  'Riverside Diner', 'Oak Street Laundromat', 'Main St. Hardware', 'Sunrise Dental Group', 'Harbor View Apartments',
  'Maple Leaf Bakery', 'Smith & Sons Plumbing', 'Lakeside Auto Repair', 'Bright Futures Daycare', 'Hilltop Veterinary Clinic',
  'First Baptist Church', 'Golden Dragon Restaurant', 'Greenfield Farm Supply', 'Pine Ridge Motel', 'Valley Fitness Center',
  'Corner Coffee House', 'Summit Insurance Agency', 'Blue Water Car Wash', 'Heritage Antiques', 'Northside Pharmacy',
] as const;

export const STREET_NAMES = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Walnut', 'Spring',
  'North', 'Ridge', 'Church', 'Willow', 'Mill', 'Sunset', 'Railroad', 'Jackson', 'Cherry', 'Highland', 'Forest',
  'Jefferson', 'Chestnut', 'River', 'Madison', 'Meadow', 'Franklin', 'Lincoln', 'Prospect', 'Locust', 'Dogwood',
  'Hickory', 'Birch', 'Magnolia', 'Sycamore', 'Poplar', 'Laurel', 'Orchard',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Blvd', 'Way', 'Pl', 'Cir'] as const;

export const UNIT_PREFIXES = ['Apt', 'Unit', 'Suite', 'Lot'] as const;

/** City, state, ZIP prefix (three digits; the last two are drawn). */

export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'aol.com', 'hotmail.com', 'icloud.com', 'comcast.net'] as const;

/** A town a sandbox utility serves: name, state, the first three digits of its ZIP codes, its phone area code. */
export type Town = readonly [city: string, state: string, zip3: string, areaCode: string];

/**
 * One service area per sandbox utility, chosen by its time zone: a utility's customers live in the
 * towns around it, in one state (a New York utility does not bill Illinois and California).
 */
export const SERVICE_AREAS: Readonly<Record<string, readonly Town[]>> = {
  'America/New_York': [
    ['Kingston', 'NY', '124', '845'], ['Saugerties', 'NY', '124', '845'], ['Woodstock', 'NY', '124', '845'], ['New Paltz', 'NY', '125', '845'],
    ['Rhinebeck', 'NY', '125', '845'], ['Poughkeepsie', 'NY', '126', '845'], ['Catskill', 'NY', '124', '518'], ['Hudson', 'NY', '125', '518'],
  ],
  'America/Chicago': [
    ['Springfield', 'IL', '627', '217'], ['Chatham', 'IL', '626', '217'], ['Rochester', 'IL', '626', '217'], ['Petersburg', 'IL', '626', '217'],
    ['Jacksonville', 'IL', '626', '217'], ['Lincoln', 'IL', '626', '217'], ['Pekin', 'IL', '615', '309'], ['Peoria', 'IL', '616', '309'],
  ],
  'America/Denver': [
    ['Fort Collins', 'CO', '805', '970'], ['Loveland', 'CO', '805', '970'], ['Windsor', 'CO', '805', '970'], ['Greeley', 'CO', '806', '970'],
  ],
  'America/Phoenix': [
    ['Mesa', 'AZ', '852', '480'], ['Chandler', 'AZ', '852', '480'], ['Gilbert', 'AZ', '852', '480'], ['Tempe', 'AZ', '852', '480'],
  ],
  'America/Los_Angeles': [
    ['Riverside', 'CA', '925', '951'], ['Corona', 'CA', '928', '951'], ['Moreno Valley', 'CA', '925', '951'], ['Norco', 'CA', '928', '951'],
  ],
};

/** The service area of a utility in `timeZone`; New York's for a zone without one of its own. */
export function serviceArea(timeZone: string): readonly Town[] {
  return SERVICE_AREAS[timeZone] ?? SERVICE_AREAS['America/New_York']!;
}

export const CARD_TYPES = ['Visa', 'MasterCard', 'Discover', 'American Express'] as const;
