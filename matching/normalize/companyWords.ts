/**
 * Generic words of company names in the region's languages, mapped to one English word, so that
 * "Công ty TNHH Thương mại Hoàng Long" meets "Hoang Long Trading Co., Ltd." and "PT Jasa Mandiri"
 * meets "Mandiri Services". Data, compiled through the same normalisation as names; the English
 * targets are never sources, so applying the table twice changes nothing.
 */
import { basicTokens } from './basic';
import { PhraseTable } from './phrases';

const WORDS: Readonly<Record<string, readonly string[]>> = {
  trading: ['Thương mại', 'Perdagangan', 'Dagang', 'Perniagaan', '贸易', '貿易', 'การค้า', 'Trade', 'Traders', 'Trader'],
  services: ['Dịch vụ', 'Jasa', 'Perkhidmatan', 'Layanan', 'Servis', '服务', '服務', 'บริการ', 'Service'],
  'import export': [
    'Xuất nhập khẩu',
    'XNK',
    'Ekspor Impor',
    'Impor Ekspor',
    'Import Eksport',
    'Import Export',
    'Exim',
    '进出口',
    '進出口',
  ],
  travel: ['Du lịch', 'Pelancongan', 'Pariwisata', 'Wisata', '旅游', '旅遊', 'ท่องเที่ยว', 'Travels'],
  construction: ['Xây dựng', 'Pembinaan', 'Konstruksi', '建筑', '建築', 'ก่อสร้าง'],
  international: ['Quốc tế', 'Antarabangsa', 'Internasional', '国际', '國際', 'Intl'],
  group: ['Tập đoàn', 'Kumpulan', 'Grup', '集团', '集團'],
  investment: ['Đầu tư', 'Pelaburan', 'Investasi', '投资', '投資', 'Investments'],
  development: ['Phát triển', 'Pembangunan', '发展', '發展'],
  industries: ['Công nghiệp', 'Industri', 'Perindustrian', '工业', '工業', 'Industry'],
  transport: ['Vận tải', 'Pengangkutan', 'Transportasi', '运输', '運輸', 'ขนส่ง', 'Transportation'],
  recruitment: ['Tuyển dụng', 'Perekrutan', 'Pengerahan', 'จัดหางาน', '招聘', 'Recruiting'],
  manpower: ['Nhân lực', 'Tenaga Kerja', 'Man Power', '人力', '劳务', '勞務'],
  agency: ['Đại lý', 'Agensi', '代理', 'Agencies'],
  fisheries: ['Thủy sản', 'Thuỷ sản', 'Perikanan', '水产', '水產', 'ประมง', 'Fishery'],
};

let table: PhraseTable<readonly string[]> | undefined;

function compiled(): PhraseTable<readonly string[]> {
  if (table) return table;
  table = new PhraseTable<readonly string[]>();
  for (const [english, forms] of Object.entries(WORDS)) {
    for (const form of forms) table.add(basicTokens(form, 'organization').folded, english.split(' '));
  }
  return table;
}

export function translateCompanyWords(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const found = compiled().matchAt(tokens, i);
    if (found) {
      out.push(...found[1]);
      i += found[0];
    } else {
      out.push(tokens[i]!);
      i += 1;
    }
  }
  return out;
}
