/**
 * Folds Vietnamese text for search: lower case, no tone or vowel marks, đ → d.
 * "Nguyễn Văn Ánh" and "nguyen van anh" fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
