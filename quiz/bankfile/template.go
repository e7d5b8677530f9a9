package bankfile

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"hoithi/quiz"
)

// guideSheet is the name of the template's sheet that explains each column.
const guideSheet = "Hướng dẫn"

// templateExamples are the template's example rows, one per common way of writing the key.
// Their facts are those of the articles named in Source.
var templateExamples = []quiz.Question{
	{
		Type:         quiz.SingleChoice,
		Prompt:       "Huyện Phúc Thọ đặt chỉ tiêu bao nhiêu phần trăm chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần?",
		Options:      []string{"60%", "90%", "95%", "100%"},
		Correct:      []int{3},
		Explanation:  "Huyện đề ra chỉ tiêu: “100% chi bộ thực hiện sinh hoạt chuyên đề ít nhất mỗi quý một lần”.",
		Difficulty:   quiz.Recall,
		Tags:         []string{"Sinh hoạt chi bộ", "Sinh hoạt chuyên đề"},
		Points:       100,
		TimeLimitSec: 20,
		Source:       "“Đổi mới, nâng cao chất lượng sinh hoạt chi bộ” (Chinhphu.vn, 03/11/2015)",
	},
	{
		Type:         quiz.MultiChoice,
		Prompt:       "Huyện Nậm Pồ đã triển khai sinh hoạt chi bộ mẫu tại những xã nào? (Chọn tất cả các đáp án đúng)",
		Options:      []string{"Phìn Hồ", "Nà Hỳ", "Mường Mươn", "Nà Khoa"},
		Correct:      []int{0, 1, 3},
		Explanation:  "“Đồng thời, triển khai sinh hoạt chi bộ mẫu tại các xã Nà Khoa, Phìn Hồ, Nà Hỳ.” Mường Mươn thuộc huyện Mường Chà.",
		Difficulty:   quiz.Understand,
		Tags:         []string{"Sinh hoạt chi bộ"},
		Points:       100,
		TimeLimitSec: 30,
		Source:       "“Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng” (ĐBP, 15/10/2023)",
	},
	{
		Type:         quiz.Numeric,
		Prompt:       "Theo Bí thư Chi bộ Lò Văn Chơ, Chi bộ bản Púng Giắt 1 hiện có bao nhiêu đảng viên?",
		Value:        21,
		Explanation:  "Ông Lò Văn Chơ, Bí thư Chi bộ bản Púng Giắt 1 cho biết: “Chi bộ hiện có 21 đảng viên.”",
		Difficulty:   quiz.Recall,
		Tags:         []string{"Sinh hoạt chi bộ"},
		Points:       100,
		TimeLimitSec: 20,
		Source:       "“Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng” (ĐBP, 15/10/2023)",
	},
}

// templateGuide is the "Hướng dẫn" sheet: each column, whether it must be filled, and how.
var templateGuide = [][]string{
	{"Cột", "Bắt buộc", "Cách ghi"},
	{"Câu hỏi", "Có", "Nội dung câu hỏi. Mỗi dòng của trang “Câu hỏi” là một câu; dòng trống được bỏ qua. Có thể đổi thứ tự các cột, tên cột viết hoa hay thường, có dấu hay không dấu đều được."},
	{"A, B, C, D", "Với câu có phương án", "Các phương án trả lời, mỗi phương án một cột. Cần thêm phương án thì thêm cột E, F, G, H (nhiều nhất 8). Câu sắp xếp: ghi các mục theo thứ tự đúng. Câu đúng sai, trả lời ngắn, điền số: để trống."},
	{"Đáp án", "Có", "Một đáp án: chữ cái của phương án đúng, như B. Nhiều đáp án: các chữ cái, như AC hoặc A, C hoặc A;C. Đúng sai: ghi Đúng hoặc Sai. Trả lời ngắn: đáp án được chấp nhận; nhiều cách trả lời thì ngăn cách bằng dấu |, như Hà Nội | Thủ đô Hà Nội. Điền số: con số, như 21 hoặc 3,5. Sắp xếp: để trống nếu các mục đã theo thứ tự đúng, hoặc ghi thứ tự đúng bằng chữ cái, như C, A, B, D."},
	{"Giải thích", "Không", "Lời giải thích hiện sau khi công bố đáp án."},
	{"Mức độ", "Không", "nhận biết, thông hiểu, vận dụng, vận dụng cao (hoặc viết tắt NB, TH, VD, VDC, hoặc số 1 đến 4)."},
	{"Chủ đề", "Không", "Một hay nhiều chủ đề để lọc và rút câu hỏi, ngăn cách bằng dấu chấm phẩy hoặc dấu phẩy, như Điều lệ Đảng; Sinh hoạt chi bộ."},
	{"Điểm", "Không", "Số điểm của câu, số nguyên từ 1 đến 10000. Để trống là 100 điểm."},
	{"Loại", "Không", "một đáp án, nhiều đáp án, nhiều đáp án (điểm từng phần), đúng sai, trả lời ngắn, điền số, sắp xếp. Để trống thì phần mềm tự nhận: có phương án là một hay nhiều đáp án theo số chữ cái ở cột Đáp án; Đáp án là Đúng/Sai là câu đúng sai; là một số là câu điền số; còn lại là trả lời ngắn. Câu sắp xếp phải ghi Loại."},
	{"Thời gian (giây)", "Không", "Thời gian trả lời, từ 5 đến 600 giây. Để trống là 20 giây."},
	{"Nguồn", "Không", "Văn bản, bài viết mà câu hỏi dựa vào, ghi tên cho người đọc hiểu, như Hướng dẫn số 12-HD/BTCTW ngày 06/7/2018 của Ban Tổ chức Trung ương."},
	{"Không dấu", "Không", "Câu trả lời ngắn: ghi x để chấp nhận cả câu trả lời gõ không dấu."},
	{"Sai số", "Không", "Câu điền số: câu trả lời lệch so với đáp án không quá số này vẫn được tính đúng. Để trống là phải đúng bằng đáp án."},
	{"Ảnh", "Không", "Ảnh hiện cùng câu hỏi trên điện thoại và màn chiếu: chèn ảnh (Chèn › Ảnh) vào dòng của câu hỏi, thường ở cột Ảnh; ảnh thuộc dòng có góc trên bên trái của ảnh, dù đặt ở cột nào. Mỗi câu nhiều nhất một ảnh, dạng PNG, JPEG hoặc GIF, không quá 2 MB."},
	{},
	{"Lưu ý", "", "Trang “Câu hỏi” là trang đầu tiên có dòng tiêu đề với cột “Câu hỏi” và “Đáp án”. Khi tải lên, mỗi dòng có lỗi được báo theo số dòng như Excel hiển thị, để đồng chí sửa lại hoặc chọn bỏ qua các câu lỗi. Nếu lưu thành CSV, hãy chọn kiểu “CSV UTF-8” để giữ chữ tiếng Việt."},
}

// Template returns the question sheet trainers download to fill in: the sheet "Câu hỏi"
// with the headers readXLSX reads and a few example rows, and the sheet "Hướng dẫn" that
// explains each column.
func Template() ([]byte, error) {
	rows, _ := sheetRows(templateExamples)
	rows[0] = append(rows[0], textCell(pictureHeader))
	f := excelize.NewFile()
	defer f.Close()
	choices := func(f *excelize.File) error { return templateChoices(f, rows[0]) }
	if err := writeQuestionSheet(f, rows, choices, nil); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(guideSheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	for r, row := range templateGuide {
		for c, text := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(guideSheet, name, text); err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetColWidth(guideSheet, "A", "A", 20); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(guideSheet, "B", "B", 22); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(guideSheet, "C", "C", 100); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(3, len(templateGuide))
	if err := f.SetCellStyle(guideSheet, "A1", last, wrap); err != nil {
		return nil, err
	}
	if err := f.SetCellStyle(guideSheet, "A1", "C1", bold); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// templateChoices gives the template's "Loại" and "Mức độ" columns a drop-down list of
// their values, so a trainer picks rather than types them.
func templateChoices(f *excelize.File, header []cell) error {
	kinds := []string{kindLabels[quiz.SingleChoice], kindLabels[quiz.MultiChoice], partialLabel, kindLabels[quiz.TrueFalse],
		kindLabels[quiz.ShortAnswer], kindLabels[quiz.Numeric], kindLabels[quiz.Ordering]}
	lists := map[string][]string{sheetHeaders[colKind]: kinds, sheetHeaders[colDifficulty]: quiz.DifficultyNames[1:]}
	for i, header := range header {
		list, ok := lists[header.Text]
		if !ok {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = col + "2:" + col + strconv.Itoa(MaxQuestions+1)
		if err := dv.SetDropList(list); err != nil {
			return err
		}
		// A value typed by hand (“VD”, “1”) is still read: warn, do not refuse.
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Giá trị chưa có trong danh sách", "Hãy chọn trong danh sách, hoặc xem trang “Hướng dẫn”.")
		if err := f.AddDataValidation(questionSheet, dv); err != nil {
			return err
		}
	}
	return nil
}
