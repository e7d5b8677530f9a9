import type { Phase, QuestionType, Role, Scoring } from './types';

/** Every Vietnamese string the app shows, in one place. */
export const m = {
  appName: 'Hội thi Bí thư chi bộ giỏi',
  appShort: 'Hội thi',
  home: 'Về trang chủ',
  back: 'Quay lại',
  loading: 'Đang tải…',
  save: 'Lưu',
  saving: 'Đang lưu…',
  cancel: 'Huỷ',
  delete: 'Xoá',
  edit: 'Sửa',
  close: 'Đóng',
  yes: 'Đồng ý',
  retry: 'Thử lại',

  landing: {
    welcome: 'Chào mừng đồng chí đến với',
    join: 'Tham gia thi',
    organiser: 'Ban tổ chức đăng nhập',
  },

  pageLoad: {
    failedTitle: 'Không tải được trang',
    failedText: 'Đường truyền bị gián đoạn nên trang chưa tải xong. Đồng chí kiểm tra Wi-Fi rồi bấm “Thử lại”.',
  },

  notFound: {
    title: 'Không tìm thấy trang',
    text: 'Địa chỉ này không có trong hệ thống. Đồng chí vui lòng kiểm tra lại đường dẫn.',
  },

  errors: {
    network: 'Không kết nối được với máy chủ. Vui lòng kiểm tra Wi-Fi rồi thử lại.',
    server: 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.',
    unexpected: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
    unauthorized: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    forbidden: 'Tài khoản của đồng chí không có quyền làm việc này.',
    notFound: 'Không tìm thấy dữ liệu yêu cầu.',
    conflict: 'Trạng thái đã thay đổi. Đã tải lại, vui lòng thử lại.',
    rateLimited: 'Thao tác quá nhanh. Vui lòng đợi một chút rồi thử lại.',
    tooLarge: 'Dữ liệu gửi lên quá lớn.',
    unavailable: 'Máy chủ tạm thời bận. Vui lòng thử lại sau giây lát.',
  },

  phone: {
    pinTitle: 'Nhập mã PIN cuộc thi',
    pinHint: 'Mã gồm 6 chữ số, hiện trên màn chiếu.',
    pinLabel: 'Mã PIN',
    pinSubmit: 'Tiếp tục',
    pinChecking: 'Đang kiểm tra…',
    pinTooShort: 'Vui lòng nhập đủ 6 chữ số.',
    detailsTitle: 'Thông tin người dự thi',
    nameLabel: 'Họ và tên',
    namePlaceholder: 'Ví dụ: Nguyễn Văn An',
    unitLabel: 'Chi bộ / đơn vị',
    unitPlaceholder: 'Ví dụ: Chi bộ thôn Đông',
    nameRequired: 'Vui lòng nhập họ và tên.',
    unitRequired: 'Vui lòng nhập chi bộ hoặc đơn vị.',
    joinSubmit: 'Vào phòng thi',
    joining: 'Đang vào phòng thi…',
    otherPin: 'Nhập mã PIN khác',
    connecting: 'Đang kết nối với phòng thi…',
    reconnecting: 'Đang kết nối lại…',
    connectionLost: 'Mất kết nối — đang kết nối lại…',
    countdownUnknown: 'Chưa biết thời gian còn lại vì mất kết nối.',
    offlineHint: 'Đồng chí vẫn chọn được: đáp án sẽ tự gửi khi có kết nối lại.',
    waitingToSend: 'Chưa gửi được — sẽ tự gửi khi có kết nối lại',
    lobbyTitle: 'Đồng chí đã vào phòng chờ',
    lobbyWait: 'Chờ ban tổ chức bắt đầu…',
    lobbyKeepOpen: 'Vui lòng giữ màn hình này mở.',
    roundIntroWait: 'Chuẩn bị câu hỏi đầu tiên…',
    itemLoading: 'Chuẩn bị câu hỏi…',
    questionOf: (n: number, total: number) => `Câu ${n}/${total}`,
    pointsWorth: (p: number) => `${p} điểm`,
    multiHint: 'Chọn một hoặc nhiều đáp án, rồi bấm “Gửi đáp án”.',
    singleHint: 'Chạm vào đáp án đúng.',
    submitMulti: 'Gửi đáp án',
    sending: 'Đang gửi…',
    acked: 'Đã ghi nhận đáp án của đồng chí',
    yourChoice: 'Đồng chí chọn',
    markRightPicked: 'Đáp án đúng, đồng chí đã chọn',
    markWrongPicked: 'Sai, đồng chí đã chọn',
    timeUp: 'Hết giờ',
    waitReveal: 'Chờ công bố đáp án…',
    notAnswered: 'Đồng chí chưa trả lời câu này',
    correct: '✓ Đúng',
    wrong: '✗ Sai',
    verdictRight: 'Đúng',
    verdictWrong: 'Sai',
    noAnswerResult: 'Không trả lời',
    pointsEarned: (p: number) => `+${p} điểm`,
    totalScore: 'Tổng điểm',
    rankOf: (rank: number, players: number) => `Hạng ${rank}/${players}`,
    noRankYet: 'Chưa xếp hạng',
    correctAnswer: 'Đáp án đúng',
    standingsTitle: 'Bảng xếp hạng',
    yourRank: 'Thứ hạng của đồng chí',
    waitNext: 'Chờ câu hỏi tiếp theo…',
    finishedTitle: 'Cuộc thi đã kết thúc',
    finalRank: 'Kết quả của đồng chí',
    thanks: 'Xin cảm ơn đồng chí đã tham gia hội thi!',
    paused: 'Tạm dừng',
    pausedText: 'Ban tổ chức tạm dừng cuộc thi. Vui lòng chờ trong giây lát…',
    kickedTitle: 'Đồng chí đã rời cuộc thi',
    kickedDefault: 'Ban tổ chức đã mời đồng chí rời cuộc thi.',
    replacedTitle: 'Cuộc thi đang mở ở nơi khác',
    replacedText: 'Đồng chí vừa vào thi từ một thẻ hoặc máy khác, nên màn hình này đã dừng lại.',
    useHere: 'Tiếp tục thi trên màn hình này',
    joinAnother: 'Tham gia cuộc thi khác',
    lobbyLocked: 'Ban tổ chức đã khoá phòng chờ, không nhận thêm người dự thi. Đồng chí vui lòng báo ban tổ chức.',
    nameTaken:
      'Đã có người dự thi cùng họ tên và chi bộ này. Nếu đó là đồng chí trên máy khác, hãy tiếp tục trên máy đó, hoặc nhờ Ban tổ chức bấm “Cho vào lại” rồi bấm vào thi lần nữa; nếu không, vui lòng ghi rõ hơn (ví dụ thêm năm sinh).',
    kickedJoin: 'Ban tổ chức đã mời đồng chí rời cuộc thi này nên không vào lại được.',
    joinRateLimited: 'Đồng chí thao tác hơi nhanh. Vui lòng chờ vài giây rồi bấm lại.',
    sessionExpired: 'Không tìm thấy lượt tham gia cũ. Vui lòng nhập lại họ tên.',
    contest: 'Cuộc thi',
    noScript: 'Vui lòng bật JavaScript để tham gia hội thi.',
    outTitle: 'Đồng chí đã dừng bước ở vòng này',
    outText: 'Mời đồng chí tiếp tục theo dõi.',
    backIn: 'Đồng chí được trở lại thi. Mời đồng chí trả lời các câu tiếp theo.',
    eliminated: 'Đồng chí bị loại',
    goesOn: 'Đồng chí tiếp tục',
    remaining: (n: number, players: number) => `Còn ${n}/${players} đồng chí trên sàn thi`,
    buzzPress: 'BẤM CHUÔNG',
    buzzPressLabel: 'Bấm chuông giành quyền trả lời',
    buzzHint: 'Nghe câu hỏi; biết câu trả lời thì bấm chuông thật nhanh.',
    buzzSteal: 'Giành lại quyền trả lời!',
    buzzPressed: 'Đã bấm — chờ kết quả',
    buzzTaken: (name: string) => `${name} giành quyền trả lời`,
    buzzWon: 'Đồng chí giành quyền — hãy trả lời to',
    buzzAnswered: 'Đồng chí đã trả lời câu này',
    buzzWrong: 'Đồng chí đã trả lời sai câu này',
    buzzListen: 'Mời đồng chí lắng nghe câu trả lời.',
    buzzOffline: 'Mất kết nối nên chưa bấm được. Đồng chí bấm lại khi có kết nối.',
    buzzNobody: 'Không có đồng chí nào giành quyền trả lời câu này.',
    roundKindHelp: {
      quiz: 'Mọi đồng chí cùng trả lời từng câu hỏi trên điện thoại.',
      elimination: 'Trả lời sai hoặc không trả lời là dừng bước; ai trả lời đúng thì thi tiếp.',
      speed_order: 'Trả lời đúng càng sớm thì điểm càng cao.',
      buzzer: 'Nghe câu hỏi, ai bấm chuông trước được quyền trả lời to trước hội trường.',
    } as Record<string, string>,
  },

  login: {
    title: 'Ban tổ chức đăng nhập',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    required: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  },

  admin: {
    title: 'Trang ban tổ chức',
    hello: (name: string) => `Xin chào, ${name}`,
    logout: 'Đăng xuất',
    contests: 'Cuộc thi',
    banks: 'Bộ câu hỏi',
    newBank: 'Tạo bộ câu hỏi',
    newContest: 'Tạo cuộc thi',
    noContests: 'Chưa có cuộc thi nào.',
    noBanks: 'Chưa có bộ câu hỏi nào.',
    nothingForRole: 'Tài khoản của đồng chí chưa có việc gì trên trang này. Ban tổ chức sẽ mời đồng chí khi cần.',
    colTitle: 'Tên',
    colPin: 'Mã PIN',
    colStatus: 'Trạng thái',
    colParticipants: 'Người thi',
    colQuestions: 'Số câu',
    colCreated: 'Ngày tạo',
    colActions: 'Thao tác',
    control: 'Điều khiển',
    screen: 'Màn chiếu',
    results: 'Kết quả',
    questionCount: (n: number) => `${n} câu hỏi`,
    statusOpen: 'Đang mở',
    statusFinished: 'Đã kết thúc',
    newBankTitle: 'Tên bộ câu hỏi',
    needBankTitle: 'Vui lòng nhập tên bộ câu hỏi.',
    newBankPlaceholder: 'Ví dụ: Kiến thức công tác Đảng 2026',
    create: 'Tạo',
    confirmDeleteContest: (title: string) =>
      `Xoá cuộc thi “${title}”? Toàn bộ kết quả của cuộc thi này sẽ mất.`,
  },

  bank: {
    title: 'Bộ câu hỏi',
    bankTitle: 'Tên bộ câu hỏi',
    description: 'Mô tả',
    saveBank: 'Lưu thông tin',
    saved: 'Đã lưu.',
    search: 'Tìm câu hỏi',
    searchPlaceholder: 'Gõ vài chữ trong câu hỏi (có dấu hoặc không dấu)',
    noQuestions: 'Chưa có câu hỏi nào. Bấm “Thêm câu hỏi” để bắt đầu.',
    noMatch: 'Không có câu hỏi nào khớp với từ tìm kiếm.',
    addQuestion: 'Thêm câu hỏi',
    editQuestion: 'Sửa câu hỏi',
    newQuestion: 'Câu hỏi mới',
    deleteBank: 'Xoá bộ câu hỏi',
    confirmDeleteBank: (title: string) => `Xoá bộ câu hỏi “${title}” cùng mọi câu hỏi trong đó?`,
    confirmDeleteQuestion: 'Xoá câu hỏi này?',
    type: 'Loại câu hỏi',
    types: {
      single: 'Một đáp án',
      multi: 'Nhiều đáp án',
      truefalse: 'Đúng–Sai',
    } as Record<QuestionType, string>,
    trueFalseOptions: ['Đúng', 'Sai'],
    prompt: 'Nội dung câu hỏi',
    options: 'Các phương án',
    optionPlaceholder: (letter: string) => `Phương án ${letter}`,
    addOption: 'Thêm phương án',
    removeOption: 'Bỏ phương án này',
    markCorrect: 'Đúng',
    markCorrectFor: (letter: string) => `Phương án ${letter} là đáp án đúng`,
    trueFalseKey: 'Đáp án của mệnh đề',
    correctHintTrueFalse: 'Mệnh đề trên đúng hay sai? Chọn đáp án.',
    correctHintSingle: 'Đánh dấu một phương án đúng.',
    correctHintMulti: 'Đánh dấu tất cả các phương án đúng.',
    timeLimit: 'Thời gian (giây)',
    points: 'Điểm',
    explanation: 'Giải thích đáp án',
    source: 'Nguồn (văn bản, tài liệu)',
    topic: 'Chủ đề',
    difficulty: 'Độ khó (0–5)',
    saveQuestion: 'Lưu câu hỏi',
    needCorrect: 'Vui lòng đánh dấu phương án đúng.',
    needPrompt: 'Vui lòng nhập nội dung câu hỏi.',
    needOptions: 'Mỗi phương án cần có nội dung.',
    questionSaved: 'Đã lưu câu hỏi.',
    questionAdded: (n: number) => `Đã thêm câu hỏi số ${n} vào cuối bộ câu hỏi.`,
    correctLabel: 'Đáp án',
    seconds: (s: number) => `${s} giây`,
  },

  newContest: {
    title: 'Tạo cuộc thi',
    contestTitle: 'Tên cuộc thi',
    contestTitlePlaceholder: 'Ví dụ: Hội thi Bí thư chi bộ giỏi năm 2026',
    roundTitle: 'Tên vòng thi',
    roundTitleDefault: 'Vòng 1: Kiến thức',
    scoring: 'Cách tính điểm',
    scoring_fixed: 'Điểm cố định',
    scoring_fixed_help: 'Trả lời đúng được đủ số điểm của câu, nhanh hay chậm như nhau.',
    scoring_speed: 'Điểm theo tốc độ',
    scoring_speed_help:
      'Trả lời đúng được từ một nửa đến đủ số điểm: điểm = điểm câu × (1 − thời gian trả lời ÷ thời gian cho phép ÷ 2).',
    autoClose: 'Đóng câu hỏi khi mọi người đã trả lời',
    autoClose_help:
      'Câu hỏi tự đóng ngay khi mọi thí sinh đang kết nối đã trả lời (người vừa mất kết nối được chờ 10 giây); bỏ chọn để chỉ đóng khi hết giờ hoặc khi bấm “Đóng câu hỏi”.',
    bank: 'Chọn bộ câu hỏi',
    chooseBank: '— Chọn bộ câu hỏi —',
    questions: 'Chọn câu hỏi',
    selectAll: 'Chọn tất cả',
    selectNone: 'Bỏ chọn tất cả',
    selectShown: (n: number) => `Chọn ${n} câu đang hiện`,
    unselectShown: (n: number) => `Bỏ chọn ${n} câu đang hiện`,
    selected: (n: number, total: number) => `Đã chọn ${n}/${total} câu`,
    orderNote: 'Câu hỏi được thi theo thứ tự trong bộ câu hỏi.',
    create: 'Tạo cuộc thi',
    creating: 'Đang tạo…',
    needTitle: 'Vui lòng nhập tên cuộc thi.',
    needQuestions: 'Vui lòng chọn ít nhất một câu hỏi.',
    noBanks: 'Chưa có bộ câu hỏi nào. Hãy tạo bộ câu hỏi trước.',
  },

  control: {
    title: 'Bảng điều khiển',
    pin: 'Mã PIN',
    openScreen: 'Mở màn chiếu',
    results: 'Xem kết quả',
    phase: 'Trạng thái',
    participants: 'Người dự thi',
    participantCount: (n: number) => `${n} người`,
    answered: (n: number, total: number) => `Đã trả lời: ${n}/${total}`,
    noParticipants: 'Chưa có ai tham gia.',
    searchLabel: 'Tìm người dự thi',
    searchPlaceholder: 'Tìm theo tên hoặc chi bộ…',
    searchNone: 'Không có ai khớp với từ đã gõ.',
    searchShown: (n: number, total: number) => `Đang hiện ${n} trong số ${total} người. Gõ tên để tìm người khác.`,
    connected: 'Đang kết nối',
    disconnected: 'Mất kết nối',
    kicked: 'Đã mời ra',
    kick: 'Mời ra',
    confirmKick: (name: string) => `Mời “${name}” rời cuộc thi? Người này sẽ không vào lại được.`,
    rejoin: 'Cho vào lại',
    confirmRejoin: (name: string, unit: string) =>
      `Cho “${name}” thi tiếp trên máy khác? Trong 10 phút, trên máy mới hãy nhập mã PIN, họ tên “${name}” và chi bộ “${unit}” như cũ: điểm và câu trả lời được giữ nguyên, máy cũ không dùng được nữa.`,
    confirmFinish: 'Kết thúc cuộc thi ngay bây giờ? Việc này không thể hoàn tác.',
    currentQuestion: 'Câu hỏi hiện tại',
    noQuestion: 'Chưa có câu hỏi nào đang mở.',
    lastItemNote: 'Đây là câu cuối: bước tiếp theo sẽ kết thúc cuộc thi.',
    score: 'Điểm',
    name: 'Họ và tên',
    unit: 'Chi bộ / đơn vị',
    showKey: 'Hiện đáp án (chỉ người dẫn xem)',
    hideKey: 'Ẩn đáp án',
    commandSending: 'Đang gửi lệnh…',
    nextStep: 'Bước tiếp theo',
    otherCommands: 'Lệnh khác',
    finishesContest: 'Kết thúc và công bố kết quả',
    skipStandings: 'Bỏ qua bảng xếp hạng',
    finishedNext: 'Cuộc thi đã kết thúc. Xem kết quả chung cuộc và tải file Excel.',
    stepHint: {
      lobby: 'Khi mọi người đã vào phòng chờ, bấm để bắt đầu.',
      round_intro: 'Bấm để mở câu hỏi đầu tiên.',
      item_open: 'Câu hỏi tự đóng khi hết giờ; bấm nút này để đóng sớm.',
      item_closed: 'Công bố đáp án để cả hội trường cùng xem.',
      reveal: 'Cho hội trường xem bảng xếp hạng sau câu này.',
      standings: 'Bấm để mở câu hỏi tiếp theo.',
      finished: '',
    } as Record<Phase, string>,
    autoCloseHint: 'Câu hỏi tự đóng khi mọi người đã trả lời hoặc khi hết giờ; bấm nút này để đóng sớm.',
    pausedHint: 'Cuộc thi đang tạm dừng: đồng hồ đứng yên, người thi chưa trả lời được.',
    lockedState: 'Phòng chờ đã khoá: không nhận thêm người mới.',
    unlockedState: 'Phòng chờ đang mở: người mới vẫn vào được.',
    qrAlt: 'Mã QR để vào thi',
    kicking: 'Đang mời ra…',
    missingTitle: 'Không tìm thấy cuộc thi',
    missingText: 'Cuộc thi này không có trong hệ thống, hoặc đã bị xoá. Đồng chí hãy chọn lại cuộc thi ở trang ban tổ chức.',
    forbiddenTitle: 'Không mở được cuộc thi này',
    forbiddenText: 'Tài khoản của đồng chí không có quyền điều khiển hay chiếu cuộc thi này. Nếu cần, hãy nhờ người tạo cuộc thi mời đồng chí cùng tổ chức.',
    backToAdmin: 'Về trang ban tổ chức',
    offline: 'Mất kết nối với máy chủ, đang kết nối lại…',
    cmd: {
      start: 'Bắt đầu',
      next: 'Câu tiếp theo',
      close: 'Đóng câu hỏi',
      reveal: 'Công bố đáp án',
      standings: 'Xem bảng xếp hạng',
      pause: 'Tạm dừng',
      resume: 'Tiếp tục',
      lock: 'Khoá phòng chờ',
      unlock: 'Mở khoá phòng chờ',
      finish: 'Kết thúc cuộc thi',
    },
  },

  screen: {
    joinAt: 'Tham gia tại',
    pinLabel: 'Mã PIN',
    scanQr: 'Quét mã QR để tham gia',
    locked: 'Phòng chờ đã khoá: không nhận thêm người dự thi',
    joined: (n: number) => `${n} người đã tham gia`,
    answered: (n: number, total: number) => `Đã trả lời ${n}/${total}`,
    standings: 'Bảng xếp hạng',
    finalStandings: 'Kết quả chung cuộc',
    finished: 'Cuộc thi đã kết thúc',
    getReady: 'Chuẩn bị…',
    correctAnswer: 'Đáp án đúng',
    explanation: 'Giải thích',
    paused: 'Tạm dừng',
    timeUp: 'Hết giờ',
    seconds: 'giây',
    people: (n: number) => `${n} người`,
    roundOf: (n: number, total: number) => `Vòng ${n}/${total}`,
    roundKind: {
      quiz: 'Trắc nghiệm',
      elimination: 'Rung chuông vàng',
      speed_order: 'Tăng tốc',
      buzzer: 'Giành quyền trả lời',
    } as Record<string, string>,
    weight: (w: number) => `Điểm vòng này nhân ${w}`,
    tieBreak: 'Vòng phụ: chỉ để phân định các đồng chí bằng điểm',
    remaining: 'Còn trên sàn thi',
    remainingOf: (players: number) => `trong số ${players} đồng chí`,
    rescued: (n: number) => `Ban tổ chức vừa cứu trợ ${n} đồng chí`,
    moreNames: (n: number) => `và ${n} đồng chí khác`,
    buzzWaiting: 'Mời các đồng chí bấm chuông',
    buzzWinner: 'Giành quyền trả lời',
    buzzNext: 'Bấm tiếp theo',
    steal: 'Giành lại quyền trả lời',
    star: 'Ngôi sao hy vọng',
  },

  results: {
    title: 'Kết quả cuộc thi',
    download: 'Tải file Excel',
    rank: 'Hạng',
    name: 'Họ và tên',
    unit: 'Chi bộ / đơn vị',
    score: 'Điểm',
    correct: 'Số câu đúng',
    time: 'Thời gian',
    empty: 'Chưa có người dự thi nào.',
    backToControl: 'Về bảng điều khiển',
  },

  people: {
    search: 'Tìm theo tên hoặc tên đăng nhập…',
    none: 'Chưa có tài khoản nào khác trong hệ thống.',
  },

  sharing: {
    share: 'Chia sẻ',
    title: 'Chia sẻ bộ câu hỏi',
    intro: 'Người được chia sẻ xem được các câu hỏi và dùng chúng để tạo cuộc thi, nhưng không sửa được. Muốn sửa, họ tạo bản sao của riêng mình.',
    everyone: 'Chia sẻ với mọi người trong hệ thống',
    saved: 'Đã lưu việc chia sẻ.',
    sharedAll: 'Đang chia sẻ với mọi người',
    sharedWith: (n: number) => `Đang chia sẻ với ${n} người`,
    notShared: 'Chưa chia sẻ với ai',
    owner: (name: string) => `Bộ câu hỏi của ${name}`,
    readOnly: (name: string) =>
      `Bộ câu hỏi này của ${name}, được chia sẻ để đồng chí xem và dùng tạo cuộc thi. Muốn sửa, hãy tạo bản sao của riêng mình.`,
    copy: 'Tạo bản sao',
    copying: 'Đang tạo bản sao…',
  },

  organisers: {
    button: 'Đồng tổ chức',
    title: 'Người cùng tổ chức cuộc thi',
    intro: 'Người cùng tổ chức điều khiển được cuộc thi, mở màn chiếu và xem kết quả như người tạo cuộc thi.',
    saved: 'Đã lưu danh sách người cùng tổ chức.',
    owner: (name: string) => `Người tạo: ${name}`,
    count: (n: number) => `${n} người cùng tổ chức`,
  },

  users: {
    title: 'Người dùng',
    link: 'Quản lý người dùng',
    intro: 'Tài khoản của ban tổ chức, giảng viên và giám khảo. Mỗi người đăng nhập bằng tài khoản riêng.',
    colUsername: 'Tên đăng nhập',
    colName: 'Họ và tên',
    colRole: 'Vai trò',
    colStatus: 'Trạng thái',
    colCreated: 'Ngày tạo',
    active: 'Đang hoạt động',
    disabled: 'Đã khoá',
    you: '(đồng chí)',
    create: 'Tạo tài khoản',
    newTitle: 'Tài khoản mới',
    username: 'Tên đăng nhập',
    usernameHint: 'Chữ thường không dấu, số, dấu chấm hoặc gạch dưới; ví dụ: nguyenvanan',
    displayName: 'Họ và tên',
    role: 'Vai trò',
    passwordMode: 'Mật khẩu',
    generate: 'Để hệ thống tạo mật khẩu ngẫu nhiên',
    choose: 'Tự đặt mật khẩu',
    password: 'Mật khẩu (ít nhất 8 ký tự)',
    needUsername: 'Vui lòng nhập tên đăng nhập.',
    needName: 'Vui lòng nhập họ và tên.',
    needPassword: 'Mật khẩu cần ít nhất 8 ký tự.',
    created: (name: string) => `Đã tạo tài khoản ${name}.`,
    resetPassword: 'Đặt lại mật khẩu',
    confirmReset: (name: string) =>
      `Đặt lại mật khẩu của ${name}? Hệ thống tạo mật khẩu mới; mật khẩu cũ không dùng được nữa.`,
    disable: 'Khoá',
    enable: 'Mở khoá',
    confirmDisable: (name: string) => `Khoá tài khoản ${name}? Người này sẽ không đăng nhập được cho đến khi được mở khoá.`,
    changeRole: (name: string) => `Vai trò của ${name}`,
    saved: 'Đã lưu.',
    shownOnce: 'Mật khẩu chỉ hiện một lần này. Hãy ghi lại hoặc sao chép và gửi riêng cho người dùng.',
    newPasswordFor: (name: string) => `Mật khẩu mới của ${name}`,
    copy: 'Sao chép',
    copied: 'Đã sao chép',
    done: 'Tôi đã ghi lại',
  },

  account: {
    title: 'Tài khoản của tôi',
    link: 'Tài khoản của tôi',
    changePassword: 'Đổi mật khẩu',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới (ít nhất 8 ký tự)',
    repeat: 'Nhập lại mật khẩu mới',
    submit: 'Đổi mật khẩu',
    needCurrent: 'Vui lòng nhập mật khẩu hiện tại.',
    tooShort: 'Mật khẩu mới cần ít nhất 8 ký tự.',
    mismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
    changed: 'Đã đổi mật khẩu.',
    logoutAll: 'Đăng xuất khỏi mọi thiết bị',
    logoutAllText: 'Nếu đồng chí đã đăng nhập trên máy khác (máy ở hội trường, máy mượn), bấm nút này để đăng xuất ở tất cả các máy, kể cả máy này.',
    confirmLogoutAll: 'Đăng xuất khỏi mọi thiết bị, kể cả máy này?',
    who: 'Đăng nhập với tên',
    role: 'Vai trò',
  },

  roles: {
    admin: 'Quản trị',
    organiser: 'Ban tổ chức',
    trainer: 'Giảng viên',
    judge: 'Giám khảo',
  } as Record<Role, string>,

  standings: {
    empty: 'Chưa có điểm.',
    points: 'điểm',
  },

  phaseName: {
    lobby: 'Phòng chờ',
    round_intro: 'Giới thiệu vòng thi',
    item_open: 'Đang trả lời câu hỏi',
    item_closed: 'Đã hết giờ câu hỏi',
    reveal: 'Đã công bố đáp án',
    standings: 'Đang xem bảng xếp hạng',
    finished: 'Đã kết thúc',
  } as Record<Phase, string>,

  scoringName: {
    fixed: 'Điểm cố định',
    speed: 'Điểm theo tốc độ',
  } as Record<Scoring, string>,
};

/**
 * Total time as "12,3 giây" under a minute, "1 phút 05 giây" from there on. It is rounded
 * first (to tenths of a second, then to whole seconds), so 59.96 s is "1 phút 00 giây" and
 * 119.6 s "2 phút 00 giây", never "60,0 giây" or "1 phút 60 giây".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 giây';
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1).replace('.', ',')} giây`;
  const secs = Math.round(ms / 1000);
  const min = Math.floor(secs / 60);
  return `${min} phút ${String(secs % 60).padStart(2, '0')} giây`;
}

/** A timestamp as a Vietnamese date and time, e.g. "22/11/2026 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The phase in words for organisers. */
export function phaseLabel(phase: string | null | undefined, paused = false): string {
  const base = (phase && m.phaseName[phase as Phase]) || m.loading;
  return paused ? `${base} (${m.control.cmd.pause.toLowerCase()})` : base;
}

/** A role in words; an unknown one is shown as it is. */
export function roleLabel(role: string): string {
  return m.roles[role as Role] ?? role;
}

/** A contestant's place, "Hạng 3/50", or "Chưa xếp hạng" before anyone has scored. */
export function rankText(rank: number, players: number): string {
  return rank > 0 ? m.phone.rankOf(rank, players) : m.phone.noRankYet;
}

/** The host's mark of an answer given aloud: "Đúng +20", "Sai −10", or "Sai" when it cost nothing. */
export function markText(right: boolean, points: number): string {
  if (right) return `Đúng +${points}`;
  return points < 0 ? `Sai −${-points}` : 'Sai';
}

/** How long after the first press another came, "+0,12 s". */
export function formatGap(ms: number): string {
  const s = Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000;
  return `+${s.toFixed(2).replace('.', ',')} s`;
}

/** A round's kind in words ("Rung chuông vàng"); an unknown one is shown as it is. */
export function roundKindName(kind: string): string {
  return m.screen.roundKind[kind] ?? kind;
}

/** Option letters A, B, C… */
export function optionLetter(i: number): string {
  return String.fromCharCode(65 + i);
}
