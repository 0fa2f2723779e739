# Mẫu 02 (Thông tư 03/2025/TT-VPCP): Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
# Khổ A5. Cú pháp và danh sách trường: README.md.
.page A5 portrait
.margins 10 10 10 15
.font Liberation Serif
.size 11

.header
superior: {agency_name}
agency: {desk_name}
number: Số: {doc_no}/BS
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc
date: {place_name}, ngày {issue_day} tháng {issue_month} năm {issue_year}

.title size=12 before=4 after=2
PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ

.lines indent=0
Hồ sơ của: **{applicant_name}**
Mã hồ sơ: {dossier_code}
Nội dung yêu cầu giải quyết: {procedure_name}
Địa chỉ: {applicant_address}
Số điện thoại: {applicant_phone}     Thư điện tử: {applicant_email}
Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:

.table cols=10,45,15,15,15 colalign=c,l,c,c,c size=10.5
STT | Tên giấy tờ cần bổ sung, hoàn thiện | Bản chính | Bản sao chứng thực | Bản chụp
{#missing}
{.n} | {name} | {originals} | {certified} | {copies}
{/missing}

.lines indent=0
Lý do: {reason}
Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ {clerk_name}, số điện thoại {desk_phone}, để được hướng dẫn.

.sign before=3 gap=16
**NGƯỜI HƯỚNG DẪN**
__(Ký và ghi rõ họ tên)__
~
**{clerk_name}**
