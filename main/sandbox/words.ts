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
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Springfield', 'IL', '627'], ['Franklin', 'TN', '370'], ['Greenville', 'SC', '296'], ['Bristol', 'CT', '060'],
  ['Clinton', 'IA', '527'], ['Salem', 'OR', '973'], ['Madison', 'WI', '537'], ['Georgetown', 'KY', '403'],
  ['Marion', 'OH', '433'], ['Fairview', 'PA', '164'], ['Ashland', 'VA', '230'], ['Burlington', 'VT', '054'],
  ['Dover', 'DE', '199'], ['Jackson', 'MS', '392'], ['Riverside', 'CA', '925'], ['Auburn', 'AL', '368'],
  ['Lebanon', 'NH', '037'], ['Milford', 'MA', '017'], ['Oxford', 'MS', '386'], ['Kingston', 'NY', '124'],
];

export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'aol.com', 'hotmail.com', 'icloud.com', 'comcast.net'] as const;

/** Area codes matching the cities above (same index). */
export const AREA_CODES = ['217', '615', '864', '860', '563', '503', '608', '502', '740', '814', '804', '802', '302', '601', '951', '334', '603', '508', '662', '845'] as const;

export const CARD_TYPES = ['Visa', 'MasterCard', 'Discover', 'American Express'] as const;
