import { decodeUtf8 } from './read';

async function pieces(chunks: (Buffer | string)[]): Promise<string[]> {
  const source = async function* () {
    yield* chunks;
  };
  const out: string[] = [];
  for await (const s of decodeUtf8(source())) out.push(s);
  return out;
}

describe('the worksheet XML as handed to the parser', () => {
  it('keeps every Vietnamese letter whole, wherever a chunk or a piece ends', async () => {
    const text = 'Nguyễn Thị Bình, Đặng Văn Cường; '.repeat(2000);
    const bytes = Buffer.from(text);
    // chunk ends that fall inside multi-byte letters (odd sizes), as a zip entry's chunks do
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_537) chunks.push(bytes.subarray(at, at + 65_537));
    const out = await pieces(chunks);
    expect(out.join('')).toBe(text);
    expect(out.join('')).not.toContain('\uFFFD');
  });

  it('hands large chunks on in small pieces, so that the rows of one piece are few', async () => {
    const out = await pieces([Buffer.from('<row r="1"><c><v>1</v></c></row>'.repeat(5000))]);
    expect(out.length).toBeGreaterThan(10);
    expect(Math.max(...out.map((s) => Buffer.byteLength(s)))).toBeLessThanOrEqual(4096);
  });

  it('passes text already decoded through as it is', async () => {
    expect(await pieces(['<a>', 'ễ</a>'])).toEqual(['<a>', 'ễ</a>']);
  });
});
