import {
  VND_MAX_ENTRY,
  checkEntryAmount,
  collapseWhitespace,
  foldVietnamese,
  isCivilDate,
  makeId,
  perCapita,
  referenceDateOfYear,
  toVnd,
  typeOfId,
} from './index';

describe('Vnd', () => {
  it('keeps amounts above 2^31 exact and refuses fractions and unsafe integers', () => {
    expect(toVnd(55_800_000_000)).toBe(55_800_000_000n);
    expect(toVnd('9007199254740991')).toBe(9_007_199_254_740_991n);
    expect(() => toVnd(1.5)).toThrow('not a whole number');
    expect(() => toVnd('12.0')).toThrow();
    expect(() => toVnd(2 ** 60)).toThrow('too large');
    expect(() => toVnd('9007199254740992')).toThrow('beyond');
  });
  it('refuses zero, negative and absurd entries with a reason', () => {
    expect(checkEntryAmount(0n)).toMatch(/positive/);
    expect(checkEntryAmount(-5n)).toMatch(/positive/);
    expect(checkEntryAmount(VND_MAX_ENTRY + 1n)).toMatch(/ceiling/);
    expect(checkEntryAmount(50_000n)).toBeNull();
  });
  it('divides per capita rounding down, and gives null without a population', () => {
    expect(perCapita(1_000_000n, 3)).toBe(333_333n);
    expect(perCapita(1_000_000n, 0)).toBeNull();
    expect(perCapita(1_000_000n, null)).toBeNull();
  });
});

describe('text and dates', () => {
  it('trims and collapses whitespace, keeping case and marks', () => {
    expect(collapseWhitespace('  Nguyễn   Văn\tÁnh \n')).toBe('Nguyễn Văn Ánh');
    expect(collapseWhitespace('Trần\u00a0Thị  Hà')).toBe('Trần Thị Hà');
    expect(collapseWhitespace(' \t\n ')).toBe('');
    expect(collapseWhitespace('An')).toBe('An');
  });
  it('folds Vietnamese for search', () => {
    expect(foldVietnamese('  Nguyễn Văn Ánh ')).toBe('nguyen van anh');
    expect(foldVietnamese('ĐẶNG Thị Đào')).toBe('dang thi dao');
  });
  it('validates civil dates and applies the year rule', () => {
    expect(isCivilDate('2018-12-31')).toBe(true);
    expect(isCivilDate('2018-02-30')).toBe(false);
    expect(isCivilDate('18-12-31')).toBe(false);
    const now = new Date('2026-12-01T10:00:00Z');
    expect(referenceDateOfYear(2018, now)).toBe('2018-12-31');
    expect(referenceDateOfYear(2026, now)).toBe('2026-12-01');
  });
});

describe('ids', () => {
  it('names the type of a prefixed id and refuses foreign ones', () => {
    const id = makeId('Member', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(id).toBe('mbr_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    expect(typeOfId(id)).toBe('Member');
    expect(typeOfId('xyz_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBeNull();
    expect(typeOfId('mbr_42')).toBeNull();
  });
});
