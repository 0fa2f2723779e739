# Mẫu 05 (Thông tư 03/2025/TT-VPCP): Thông báo dừng giải quyết hồ sơ.
# Trình bày theo Nghị định 30/2020/NĐ-CP. Cú pháp và trường: README.md.
.page A4 portrait
.margins 20 15 20 30
.font Liberation Serif
.size 13

.header
superior: {superior_name}
agency: {agency_name}
number: Số: {doc_no}/TB-{agency_short}
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc
date: {place_name}, ngày {issue_day} tháng {issue_month} năm {issue_year}

.title size=14
THÔNG BÁO
Về việc dừng giải quyết hồ sơ

.center before=4 after=3
Kính gửi: {applicant_name}.

.para
Ngày {received_dd} tháng {received_mm} năm {received_yyyy}, {agency_name} tiếp nhận hồ sơ của Ông/Bà/Tổ chức đề nghị giải quyết thủ tục hành chính: {procedure_name}.

.lines after=1.5
Mã hồ sơ: **{dossier_code}**.
Địa chỉ: {applicant_address}.

.para
{agency_name} thông báo dừng giải quyết hồ sơ nêu trên.

Lý do: {reason}

Căn cứ: {legal_basis}

{agency_name} thông báo để Ông/Bà/Tổ chức được biết./.

.recipients before=6
Nơi nhận:
- Như trên;
- {desk_name};
- Lưu: VT, {unit_short}.

.sign
**{signer_titles}**
~
**{signer_name}**
