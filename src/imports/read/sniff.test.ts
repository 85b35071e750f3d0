import { describe, expect, it } from 'vitest';
import { latin1, utf16 } from '../../../tests/fixtures/imports/read/helpers.ts';
import { assertLooksLikeText, detectDelimiter, detectEncoding, detectKind, detectNewline } from './sniff.ts';

describe('sniffing', () => {
  it('tells ZIP from text by the magic bytes', () => {
    expect(detectKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('zip');
    expect(detectKind(new TextEncoder().encode('PK,Name\n'))).toBe('text');
  });

  it('detects encodings by byte order mark, NUL pattern and UTF-8 validity', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), true)).toBe('utf-8');
    expect(detectEncoding(utf16('Name,Phone\n', 'le', true), true)).toBe('utf-16le');
    expect(detectEncoding(utf16('Name,Phone\n', 'be', true), true)).toBe('utf-16be');
    expect(detectEncoding(utf16('Name,Phone\n', 'le', false), true)).toBe('utf-16le');
    expect(detectEncoding(utf16('Name,Phone\n', 'be', false), true)).toBe('utf-16be');
    expect(detectEncoding(new TextEncoder().encode('Café,Moshi\n'), true)).toBe('utf-8');
    expect(detectEncoding(latin1('Caf\xe9,Moshi\n'), true)).toBe('windows-1252');
    expect(detectEncoding(latin1('\x80 100\n'), true)).toBe('windows-1252');
  });

  it('lets a character cut at the end of an incomplete prefix pass as UTF-8', () => {
    const bytes = new TextEncoder().encode('Name\nCafé');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), false)).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true)).toBe('windows-1252');
  });

  it('refuses NUL bytes and control-character junk', () => {
    expect(() => detectEncoding(latin1('Name\x00,Phone\nA,B\n'), true)).toThrow(
      /not a text spreadsheet file/,
    );
    expect(() => assertLooksLikeText('\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc')).toThrow(
      /not a text spreadsheet/,
    );
    expect(() => assertLooksLikeText('Name,Phone\r\nAsha,0712\x1a')).not.toThrow();
  });

  it('picks the delimiter that splits the most rows alike', () => {
    expect(detectDelimiter('Name;Price\nA;1,5\nB;2,5\nC;3\n', '\n', true)).toBe(';');
    expect(detectDelimiter('Name,Address\nA,"Plot 4; Kariakoo"\nB,"Plot 5; Mbezi"\n', '\n', true)).toBe(',');
    expect(detectDelimiter('a|b|c\n1|2|3\n', '\n', true)).toBe('|');
    expect(detectDelimiter('a\tb\n1\t2\n', '\n', true)).toBe('\t');
    expect(detectDelimiter('Phone\n0712\n', '\n', true)).toBe(',');
    expect(detectDelimiter('a\tb,c\n1\t2,3\n', '\n', true, true)).toBe('\t');
  });

  it('splits on line feeds unless the file uses bare carriage returns', () => {
    expect(detectNewline('a,b\r\n1,2\r\n')).toBe('\n');
    expect(detectNewline('a,b\n1,2\n')).toBe('\n');
    expect(detectNewline('a,b\r1,"x\ny"\r2,3\r')).toBe('\r');
  });
});
