package bankfile

import "hoithi/quiz"

// checkFileSize refuses a file over MaxFileBytes before anything of it is read.
func checkFileSize(data []byte) error {
	if len(data) > MaxFileBytes {
		return quiz.Errorf(quiz.ETOOLARGE, "Tệp quá lớn (%d MB): mỗi tệp câu hỏi tối đa %d MB, hãy chia thành nhiều tệp.", (len(data)+(1<<20)-1)>>20, MaxFileBytes>>20)
	}
	return nil
}
