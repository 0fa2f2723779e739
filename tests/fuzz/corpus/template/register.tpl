# Mẫu 07 (Thông tư 03/2025/TT-VPCP): Sổ theo dõi hồ sơ. Khổ A4 nằm ngang.
# Mỗi hồ sơ một dòng. Cú pháp và danh sách trường: README.md.
.page A4 landscape
.margins 15 15 15 20
.font Liberation Serif
.size 12

.header
superior: {superior_name}
agency: {agency_name}
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc

.title size=14 before=4 after=0
SỔ THEO DÕI HỒ SƠ

.center after=3
__Từ ngày {from_date} đến ngày {to_date}__

.table cols=4,9,11,5,9,10,8,7,7,7,7,7,5,6 size=9 header=2 colalign=c,c,l,c,l,l,l,c,c,c,c,c,c,l
STT | Mã hồ sơ | Tên thủ tục hành chính | Số lượng hồ sơ (bộ) | Tên cá nhân, tổ chức | Địa chỉ, số điện thoại | Cơ quan chủ trì giải quyết | Nhận hồ sơ | Hẹn trả kết quả | Chuyển hồ sơ đến cơ quan giải quyết | Nhận kết quả từ cơ quan giải quyết | Trả kết quả cho cá nhân, tổ chức | Ký nhận | Ghi chú
(1) | (2) | (3) | (4) | (5) | (6) | (7) | (8) | (9) | (10) | (11) | (12) | (13) | (14)
{#entries}
{register_no} | {dossier_code} | {procedure_name} | {sets} | {applicant_name} | {applicant_address}\n{applicant_phone} | {lead_unit} | {received} | {due} | {sent} | {back} | {returned} | | {note}
{/entries}
{^entries}
 | | (không có hồ sơ trong kỳ) | | | | | | | | | | |
{/entries}
