# Mẫu 03 (Thông tư 03/2025/TT-VPCP): Phiếu từ chối tiếp nhận giải quyết hồ sơ.
# Khổ A5. Cú pháp và danh sách trường: README.md.
.page A5 portrait
.margins 10 10 10 15
.font Liberation Serif
.size 11

.header
superior: {agency_name}
agency: {desk_name}
number: Số: {doc_no}/TC
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc
date: {place_name}, ngày {issue_day} tháng {issue_month} năm {issue_year}

.title size=12 before=4 after=2
PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ

.lines indent=0
{desk_name} — {agency_name}
Tiếp nhận hồ sơ của: **{applicant_name}**
Mã hồ sơ: {dossier_code}
Địa chỉ: {applicant_address}
Số điện thoại: {applicant_phone}     Thư điện tử: {applicant_email}
Nội dung yêu cầu giải quyết: {procedure_name}

.para indent=0
Qua xem xét, {desk_name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: {reason}

.para indent=0
Xin thông báo để Ông/Bà được biết và thực hiện./.

.sign before=3 gap=16
**NGƯỜI TIẾP NHẬN HỒ SƠ**
__(Ký và ghi rõ họ tên)__
~
**{clerk_name}**
