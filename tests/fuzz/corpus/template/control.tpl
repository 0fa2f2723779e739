# Mẫu 06 (Thông tư 03/2025/TT-VPCP): Phiếu kiểm soát quá trình giải quyết hồ sơ.
# Khổ A4; mỗi lần giao, nhận hồ sơ là một dòng. Cú pháp và trường: README.md.
.page A4 portrait
.margins 20 15 20 30
.font Liberation Serif
.size 13

.header
superior: {superior_name}
agency: {agency_name}
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc

.title size=14 after=3
PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ

.lines indent=0
Mã hồ sơ: **{dossier_code}**
(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: {register_no})
Người nộp hồ sơ: {applicant_name}
Thủ tục hành chính: {procedure_name}
Thời hạn trả kết quả: {due_hh} giờ {due_mi} phút, ngày {due_dd} tháng {due_mm} năm {due_yyyy}
Cơ quan (bộ phận) giải quyết hồ sơ: {lead_unit}

.table cols=27,33,22,18 colalign=l,l,c,l size=12
TÊN CƠ QUAN | THỜI GIAN GIAO, NHẬN HỒ SƠ | KẾT QUẢ GIẢI QUYẾT HỒ SƠ (trước hạn / đúng hạn / quá hạn) | GHI CHÚ
{#handovers}
1. Giao: {from_unit}\n2. Nhận: {to_unit} | {at_hh} giờ {at_mi} phút, ngày {at_dd}/{at_mm}/{at_yyyy}\nNgười giao: {giver}\nNgười nhận: {receiver} | {result} | {note}
{/handovers}
{^handovers}
| (chưa có lần giao, nhận nào) | |
{/handovers}
