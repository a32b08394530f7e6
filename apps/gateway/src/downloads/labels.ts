/** Vietnamese labels of the graph's enums, as exported files show them. */
export const GENDER: Record<string, string> = { MALE: 'Nam', FEMALE: 'Nữ', OTHER: 'Khác' };
export const MEMBER_STATUS: Record<string, string> = { ACTIVE: 'Đang sinh hoạt', LAPSED: 'Gián đoạn', RESIGNED: 'Đã ra hội', DECEASED: 'Đã mất' };
export const CARD_STATUS: Record<string, string> = { ACTIVE: 'Đang dùng', LOST: 'Báo mất', REVOKED: 'Thu hồi' };
export const DONATION_METHOD: Record<string, string> = { CASH: 'Tiền mặt', BANK_TRANSFER: 'Chuyển khoản', IN_KIND: 'Hiện vật' };
