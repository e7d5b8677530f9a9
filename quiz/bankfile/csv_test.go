package bankfile

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"hoithi/quiz"
)

func TestCSVRoundTripKeepsEveryKindAndField(t *testing.T) {
	want := officeQuestions()
	data, problems, err := writeCSV(want)
	if err != nil || len(problems) > 0 {
		t.Fatalf("writeCSV: %v %v", problems, err)
	}
	if !bytes.HasPrefix(data, csvBOM) {
		t.Error("the CSV does not start with the BOM Excel needs to show Vietnamese")
	}
	res, err := readCSV(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || res.Found != len(want) {
		t.Fatalf("found %d, problems %+v", res.Found, res.Problems)
	}
	sameQuestions(t, want, res.Questions())
}

func TestCSVReadsWhatTrainersType(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, q quiz.Question)
	}{
		{"a semicolon file from Excel set to Vietnamese, with its BOM", "\ufeffCâu hỏi;A;B;C;D;Đáp án\nHỏi?;x;y;z;t;B\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.SingleChoice || q.Correct[0] != 1 || len(q.Options) != 4 {
				t.Errorf("got %+v", q)
			}
		}},
		{"headers in another order, without diacritics and in capitals", "DAP AN,cau hoi,b,a\nb,Hỏi?,y,x\n", func(t *testing.T, q quiz.Question) {
			if q.Prompt != "Hỏi?" || q.Options[0] != "x" || q.Correct[0] != 1 {
				t.Errorf("got %+v", q)
			}
		}},
		{"several letters are a multiple-choice question", "Câu hỏi,A,B,C,Đáp án\nHỏi?,x,y,z,\"A, C\"\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.MultiChoice || len(q.Correct) != 2 || q.Correct[1] != 2 {
				t.Errorf("got %+v", q)
			}
		}},
		{"letters joined or with semicolons", "Câu hỏi,A,B,C,Đáp án\nHỏi?,x,y,z,a;b\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.MultiChoice || len(q.Correct) != 2 {
				t.Errorf("got %+v", q)
			}
		}},
		{"Đúng or Sai without options is a true/false question", "Câu hỏi,Đáp án\nĐúng hay sai?,sai\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.TrueFalse || q.Correct[0] != 1 {
				t.Errorf("got %+v", q)
			}
		}},
		{"options Đúng and Sai with a letter are a true/false question", "Câu hỏi,A,B,Đáp án\nĐúng hay sai?,Đúng,Sai,A\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.TrueFalse || q.Correct[0] != 0 {
				t.Errorf("got %+v", q)
			}
		}},
		{"a number without options is a numeric question typed the Vietnamese way", "Câu hỏi,Đáp án,Sai số\nBao nhiêu?,\"3,5\",\"0,5\"\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.Numeric || q.Value != 3.5 || q.Tolerance != 0.5 {
				t.Errorf("got %+v", q)
			}
		}},
		{"text without options is a short answer, | between accepted answers", "Câu hỏi,Đáp án,Không dấu\nỞ đâu?,Hà Nội | Thủ đô Hà Nội,x\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.ShortAnswer || len(q.Answers) != 2 || q.Answers[1] != "Thủ đô Hà Nội" || !q.NoDiacritics {
				t.Errorf("got %+v", q)
			}
		}},
		{"Loại says a number is a short answer", "Câu hỏi,Đáp án,Loại\nNăm nào?,1945,trả lời ngắn\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.ShortAnswer || q.Answers[0] != "1945" {
				t.Errorf("got %+v", q)
			}
		}},
		{"an ordering question in its right order given by letters", "Câu hỏi,A,B,C,Đáp án,Loại\nXếp?,Huyện,Tỉnh,Cơ sở,\"C, A, B\",sắp xếp\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.Ordering || strings.Join(q.Options, ">") != "Cơ sở>Huyện>Tỉnh" {
				t.Errorf("got %+v", q)
			}
		}},
		{"partial credit by the kind's name", "Câu hỏi,A,B,Đáp án,Loại\nHỏi?,x,y,AB,nhiều đáp án (điểm từng phần)\n", func(t *testing.T, q quiz.Question) {
			if q.Type != quiz.MultiChoice || !q.Partial {
				t.Errorf("got %+v", q)
			}
		}},
		{"levels by initials, tags split, points, time and source", "Câu hỏi,A,B,Đáp án,Mức độ,Chủ đề,Điểm,Thời gian (giây),Nguồn\nHỏi?,x,y,A,VDC,\"Điều lệ Đảng; Sinh hoạt chi bộ, Điều lệ Đảng\",150,45,Điều lệ Đảng\n", func(t *testing.T, q quiz.Question) {
			if q.Difficulty != quiz.ApplyHigh || strings.Join(q.Tags, "|") != "Điều lệ Đảng|Sinh hoạt chi bộ" || q.Points != 150 || q.TimeLimitSec != 45 || q.Source != "Điều lệ Đảng" {
				t.Errorf("got %+v", q)
			}
		}},
		{"a level by its name without diacritics, or by number", "Câu hỏi,A,B,Đáp án,Mức độ\nHỏi?,x,y,A,thong hieu\n", func(t *testing.T, q quiz.Question) {
			if q.Difficulty != quiz.Understand {
				t.Errorf("got %+v", q)
			}
		}},
		{"a title above the header", "Bộ câu hỏi Hội thi 2026,,\n\nCâu hỏi,A,B,Đáp án\nHỏi?,x,y,B\n", func(t *testing.T, q quiz.Question) {
			if q.Correct[0] != 1 {
				t.Errorf("got %+v", q)
			}
		}},
		{"more options than four", "Câu hỏi,A,B,C,D,E,F,Đáp án\nHỏi?,1,2,3,4,5,6,F\n", func(t *testing.T, q quiz.Question) {
			if len(q.Options) != 6 || q.Correct[0] != 5 {
				t.Errorf("got %+v", q)
			}
		}},
		{"a multi-line cell", "Câu hỏi,A,B,Đáp án,Giải thích\n\"Dòng một\nDòng hai\",x,y,A,\"Vì\nthế\"\n", func(t *testing.T, q quiz.Question) {
			if q.Prompt != "Dòng một\nDòng hai" || q.Explanation != "Vì\nthế" {
				t.Errorf("got %+v", q)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readCSV([]byte(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) != 1 || len(res.Problems) > 0 {
				t.Fatalf("items %+v problems %+v", res.Items, res.Problems)
			}
			tt.check(t, res.Items[0].Question)
		})
	}
}

func TestCSVNamesEveryBadRowByTheRowExcelShows(t *testing.T) {
	file := "Câu hỏi;A;B;C;Đáp án;Mức độ\n" + // row 1
		"Tốt?;x;y;z;A;\n" + // row 2
		"Thiếu đáp án?;x;y;z;;\n" + // 3
		"\n" + // 4, blank
		"Chữ lạ?;x;y;z;E;\n" + // 5
		";x;y;z;A;\n" + // 6
		"\"Hai\ndòng\";x;y;z;7;\n" + // 7 (the cell spans two lines)
		"Mức lạ?;x;y;z;A;rất khó\n" + // 8
		"Trống giữa?;x;;z;A;\n" + // 9
		";;;;;\n" + // 10, empty
		"Cũng tốt?;x;y;z;C;\n" // 11
	res, err := readCSV([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if res.Found != 8 || len(res.Items) != 2 {
		t.Fatalf("found %d, items %d, problems %+v", res.Found, len(res.Items), res.Problems)
	}
	if res.Items[0].Line != 2 || res.Items[1].Line != 11 {
		t.Errorf("good rows at %d and %d, want 2 and 11", res.Items[0].Line, res.Items[1].Line)
	}
	problemSays(t, res, 3, "chưa có đáp án đúng")
	problemSays(t, res, 5, "chỉ có 3 phương án")
	problemSays(t, res, 6, "chưa có nội dung câu hỏi")
	problemSays(t, res, 7, "không đọc được")
	problemSays(t, res, 8, "Mức độ “rất khó” không rõ")
	problemSays(t, res, 9, "Phương án B còn trống")
}

func TestCSVRefusesWhatItCannotRead(t *testing.T) {
	tests := []struct {
		name, file, says string
	}{
		{"a file saved in a Windows code page", "C\xe2u h\xf5i;\xd0\xe1p \xe1n\n", "CSV UTF-8"},
		{"a file without the header", "Hỏi?,x,y,A\n", "Câu hỏi"},
		{"more questions than a file may hold", "Câu hỏi,Đáp án\n" + strings.Repeat("Hỏi?,Đúng\n", MaxQuestions+1), "5000"},
		{"a file over the size limit", "Câu hỏi,Đáp án\n" + strings.Repeat("x", MaxFileBytes), "MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readCSV([]byte(tt.file))
			if err == nil || !strings.Contains(quiz.ErrorMessage(err), tt.says) {
				t.Errorf("err = %v, want it to say %q", err, tt.says)
			}
		})
	}
}

func TestCSVWriteNamesQuestionsItCannotHold(t *testing.T) {
	qs := officeQuestions()[:2]
	qs = append(qs, quiz.Question{Type: quiz.ShortAnswer, Prompt: "Hỏi?", Answers: []string{"a|b"}})
	qs = append(qs, quiz.Question{Type: quiz.SingleChoice, Prompt: "Hỏi?", Options: []string{"x", "y"}, Correct: []int{0}, Tags: []string{"Một, hai"}})
	data, problems, err := writeCSV(qs)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 2 || problems[0].Line != 3 || problems[1].Line != 4 {
		t.Fatalf("problems %+v", problems)
	}
	res, err := readCSV(data)
	if err != nil || len(res.Items) != 2 {
		t.Fatalf("read back %+v %v", res, err)
	}
}

func TestCSVReadsTheRealFiles(t *testing.T) {
	for _, name := range []string{"libreoffice-semicolon.csv", "libreoffice-comma.csv"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("testdata/sheet/" + name)
			if err != nil {
				t.Fatal(err)
			}
			res, err := readCSV(data)
			if err != nil {
				t.Fatal(err)
			}
			checkRealSheet(t, res)
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, readCSV, data) })
}
