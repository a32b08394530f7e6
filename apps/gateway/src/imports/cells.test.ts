import { cellChoice, cellDate, cellInt, cellPhone, cellText, cellVnd } from './cells';

describe('cells as clerks write them', () => {
  it('reads dates as Excel serial numbers, dd/mm/yyyy, yyyy-mm-dd and date cells, and refuses impossible days', () => {
    expect(cellDate(43160)).toEqual({ ok: true, value: '2018-03-01' });
    expect(cellDate('43160')).toEqual({ ok: true, value: '2018-03-01' });
    expect(cellDate('15/03/2018')).toEqual({ ok: true, value: '2018-03-15' });
    expect(cellDate('5-3-2018')).toEqual({ ok: true, value: '2018-03-05' });
    expect(cellDate('2018-03-15')).toEqual({ ok: true, value: '2018-03-15' });
    expect(cellDate(new Date(Date.UTC(2018, 2, 15)))).toEqual({ ok: true, value: '2018-03-15' });
    expect(cellDate('')).toEqual({ ok: true, value: null });
    expect(cellDate('31/02/2018')).toMatchObject({ ok: false, message: expect.stringMatching(/not a day/) });
    expect(cellDate('tháng 3')).toMatchObject({ ok: false, message: expect.stringMatching(/dd\/mm\/yyyy/) });
  });

  it('reads whole dong written 50.000, 50,000, 50 000, 50000 đ and as numbers; refuses fractions', () => {
    for (const v of ['50.000', '50,000', '50 000', '50000 đ', '50.000 VNĐ', '50000', 50000]) expect(cellVnd(v)).toEqual({ ok: true, value: 50000n });
    expect(cellVnd('1.250.000')).toEqual({ ok: true, value: 1_250_000n });
    expect(cellVnd('50,5')).toMatchObject({ ok: false });
    expect(cellVnd(50.5)).toMatchObject({ ok: false });
  });

  it('puts back the leading 0 a phone number lost as a number or in a CSV', () => {
    expect(cellPhone(912345678)).toEqual({ ok: true, value: '0912345678' });
    expect(cellPhone('912345678')).toEqual({ ok: true, value: '0912345678' });
    expect(cellPhone('0912 345 678')).toEqual({ ok: true, value: '0912 345 678' });
    expect(cellPhone('gọi sau')).toMatchObject({ ok: false });
  });

  it('normalises decomposed Vietnamese to NFC and folds stray spaces', () => {
    const nfd = '  Nguyễn   Thị Hồng '.normalize('NFD');
    expect(cellText(nfd)).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(cellText({ richText: [{ text: 'Lê ' }, { text: 'Văn' }] })).toBe('Lê Văn');
    expect(cellInt('12.500')).toEqual({ ok: true, value: 12500 });
  });

  it('matches drop-down choices without accents or case, and names the choices otherwise', () => {
    const genders = { Nam: 'MALE', Nữ: 'FEMALE' };
    expect(cellChoice('nu', genders)).toEqual({ ok: true, value: 'FEMALE' });
    expect(cellChoice('MALE', genders)).toEqual({ ok: true, value: 'MALE' });
    expect(cellChoice('Không rõ', genders)).toEqual({ ok: false, message: '"Không rõ" is not one of: Nam, Nữ' });
  });
});
