import { serviceNodeOptions } from './manifest';

describe('serviceNodeOptions (the heap limit of every service process)', () => {
  it('limits the old generation to 512 MB unless KHG_HEAP_MB says otherwise', () => {
    expect(serviceNodeOptions({})).toEqual(['--max-old-space-size=512']);
    expect(serviceNodeOptions({ KHG_HEAP_MB: ' ' })).toEqual(['--max-old-space-size=512']);
    expect(serviceNodeOptions({ KHG_HEAP_MB: '1536' })).toEqual(['--max-old-space-size=1536']);
  });

  it('refuses a value that is not a whole number of megabytes of at least 128, naming the variable', () => {
    for (const bad of ['1.5', '64', 'lots', '-512', '512MB']) {
      expect(() => serviceNodeOptions({ KHG_HEAP_MB: bad })).toThrow(/KHG_HEAP_MB must be a whole number of megabytes, at least 128/);
    }
  });
});
