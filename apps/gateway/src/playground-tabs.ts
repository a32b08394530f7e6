/**
 * The analysts' standard questions, preloaded as Playground tabs (docs/analysts.md). Each runs as it
 * is on the demo data (Hưng Yên, area code 33, 2018 figures; the 2025 reform sample); an analyst
 * changes the year or the code in the query. Titles are Vietnamese: they are the tab names analysts see.
 */
export interface PlaygroundTab {
  name: string;
  query: string;
  variables?: string;
}

/** The province of the demo data, read on a day when its 2018–2020 districts existed. */
const PROVINCE = 'area(code: "33", on: "2018-12-31")';

export const ANALYST_TABS: readonly PlaygroundTab[] = [
  {
    name: 'Mô hình học tập theo huyện',
    query: `# Tỷ lệ công nhận mô hình học tập (gia đình, dòng họ, cộng đồng, đơn vị) của từng huyện so với chỉ tiêu
# Learning-model rates by district against the year's targets
query MoHinhHocTapTheoHuyen($year: Int!) {
  ${PROVINCE} {
    name
    learningModels(year: $year) { kind registered recognized rate target targetMet }
    children(on: "2018-12-31") {
      name
      learningModels(year: $year) { kind eligible registered recognized rate target targetMet }
    }
  }
}`,
    variables: '{ "year": 2018 }',
  },
  {
    name: 'Quỹ khuyến học bình quân đầu người',
    query: `# Quỹ Khuyến học: số tiền vận động và bình quân đầu người của từng huyện so với chỉ tiêu
# Study Promotion Fund raised, per inhabitant, by district, against the campaign target
query QuyBinhQuanDauNguoi($year: Int!) {
  ${PROVINCE} {
    name
    fundraising(year: $year) { raised awarded perCapita perCapitaTarget targetMet }
    children(on: "2018-12-31") {
      name
      population(year: $year)
      fundraising(year: $year) { raised perCapita perCapitaTarget targetMet }
    }
  }
}`,
    variables: '{ "year": 2018 }',
  },
  {
    name: 'Hội viên: thẻ và hội phí',
    query: `# Số hội viên, tỷ lệ cấp thẻ và tỷ lệ thu hội phí của từng Hội Khuyến học (gồm cấp dưới)
# Membership figures with card issuance and fee collection rates, per association (and all below it)
query HoiVienTheHoiPhi($year: Int!) {
  organizations(kind: ASSOCIATION) {
    name
    area { name level }
    membershipStats(year: $year) { members activeMembers cardsIssued cardIssuanceRate feesCollected feeCollectionRate }
  }
}`,
    variables: '{ "year": 2018 }',
  },
  {
    name: 'Tìm hội viên',
    query: `# Tìm hội viên (gõ không dấu cũng được), đúng nhất trước, kèm tổ chức, địa bàn và thẻ
# Member search (diacritics optional), best match first, with organisation, area and card
query TimHoiVien($search: String!) {
  members(search: $search, first: 10, orderBy: BEST_MATCH) {
    totalCount totalCountIsEstimate
    edges { node { fullName status card { number status } organization { name area { name parent { name } } } } }
  }
}`,
    variables: '{ "search": "nguyen thi" }',
  },
  {
    name: 'Kiến nghị chưa thực hiện',
    query: `# Kiến nghị sau kiểm tra chưa thực hiện: nội dung, hạn, đơn vị chịu trách nhiệm
# Open recommendations from inspections: text, due date, responsible organisation
query KienNghiChuaThucHien {
  recommendations(status: OPEN) {
    text dueOn
    responsible { name }
    inspection { title startsOn status }
  }
}`,
  },
  {
    name: 'Sự kiện trực tiếp',
    query: `# Dòng sự kiện trực tiếp: mỗi thay đổi (hội viên mới, khoản ủng hộ, …) hiện ra khi xảy ra.
# Live event feed: run it, then make a change (e.g. admitMember) in another tab.
# Giữ lại "cursor" cuối cùng và truyền vào "after" để xem lại những gì đã lỡ.
subscription SuKienTrucTiep {
  events {
    cursor type occurredAt subjectId
    member { fullName organization { name } }
    donation { amount donorName fund { name } }
  }
}`,
  },
  {
    name: 'Tiến độ kế hoạch năm',
    query: `# Kế hoạch công tác năm: từng nhiệm vụ, chỉ tiêu và kết quả thực hiện tính từ số liệu hiện có
# The year's work plan: each task, its indicators' targets and the actuals computed live from the graph
query TienDoKeHoach($year: Int!) {
  workPlans(year: $year) {
    title
    organization { name }
    tasks { number title indicators { metric target actual met } }
  }
}`,
    variables: '{ "year": 2018 }',
  },
  {
    name: 'So sánh sau sắp xếp 2025',
    query: `# Sắp xếp đơn vị hành chính 2025: số liệu so sánh được của một xã mới, tính từ các xã cũ hợp thành
# Reform comparison: a new commune's comparable series, from the units it was formed from
query SoSanhSauSapXep {
  area(code: "12055", on: "2025-06-30") {
    name validFrom
    predecessors { name validTo }
    comparableSeries(fromYear: 2018, toYear: 2020) {
      year population raised sourceAreaIds sourceShares
      learningModels { kind rate }
    }
  }
}`,
  },
];
