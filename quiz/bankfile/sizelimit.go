package bankfile

import "hoithi/quiz"

// checkFileSize refuses a file over MaxFileBytes before anything of it is read.
func checkFileSize(data []byte) error {
	if len(data) > MaxFileBytes {
		return quiz.Errorf(quiz.ETOOLARGE, "File quá lớn (%d MB): mỗi file câu hỏi tối đa %d MB, hãy chia thành nhiều file.", (len(data)+(1<<20)-1)>>20, MaxFileBytes>>20)
	}
	return nil
}

// questionLimitError is the error of a file with more than MaxQuestions questions.
func questionLimitError() error {
	return quiz.Errorf(quiz.ETOOLARGE, "File có hơn %d câu hỏi: hãy chia thành nhiều file.", MaxQuestions)
}
