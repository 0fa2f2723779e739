# Mẫu 01 (Thông tư 03/2025/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
# Khổ A5, in hai liên. Cú pháp và danh sách trường: README.md.
.page A5 portrait
.margins 10 10 10 15
.font Liberation Serif
.size 11
.copies Liên 1: Lưu | Liên 2: Giao người nộp hồ sơ

.header
superior: {agency_name}
agency: {desk_name}
national: Cộng hòa xã hội chủ nghĩa Việt Nam
motto: Độc lập - Tự do - Hạnh phúc
date: {place_name}, ngày {received_dd} tháng {received_mm} năm {received_yyyy}

.title size=12 before=4 after=0
GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ

.center after=2
Mã hồ sơ: **{dossier_code}**
__({copy})__

.lines indent=0
{desk_name} — {agency_name}
Tiếp nhận hồ sơ của: **{applicant_name}**
Địa chỉ: {applicant_address}
Số điện thoại: {applicant_phone}     Thư điện tử: {applicant_email}
Nội dung yêu cầu giải quyết: {procedure_name}
1. Thành phần hồ sơ nộp gồm:

.table cols=10,55,35 colalign=c,l,l size=10.5
STT | Tên giấy tờ | Hình thức (bản chính, bản sao, bản chụp)
{#documents}
{.n} | {name} | {form}
{/documents}
{^documents}
| (không có giấy tờ) |
{/documents}

.lines indent=0
2. Số lượng hồ sơ: {sets} bộ.
3. Thời gian giải quyết hồ sơ theo quy định: {time_limit}.
4. Thời gian nhận hồ sơ: {received_hh} giờ {received_mi} phút, ngày {received_dd} tháng {received_mm} năm {received_yyyy}.
5. Thời gian trả kết quả giải quyết hồ sơ: **{due_hh} giờ {due_mi} phút, ngày {due_dd} tháng {due_mm} năm {due_yyyy}**.
6. Đăng ký nhận kết quả tại: {result_place}.
Vào Sổ theo dõi hồ sơ, quyển số: {register_book}, số thứ tự: {register_no}.

.sign cols=50,50 gap=16 before=3
**NGƯỜI NỘP HỒ SƠ** | **NGƯỜI TIẾP NHẬN HỒ SƠ**
__(Ký và ghi rõ họ tên)__ | __(Ký và ghi rõ họ tên)__
~
**{applicant_name}** | **{clerk_name}**
