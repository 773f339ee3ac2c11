import type en from '../en/common';

/** 한국어 텍스트 (common). */
export default {
  'app.name': 'Wild Rydes',
  'nav.skip': '본문으로 건너뛰기',
  'nav.signIn': '로그인',
  'nav.register': '회원가입',
  'nav.ride': '라이드',
  'nav.rides': '내 라이드',
  'nav.signOut': '로그아웃',
  'nav.language': '언어',
  'nav.main': '주 메뉴',
  'landing.title': '매일 타는 유니콘, 원할 때 바로',
  'landing.lead':
    'Wild Rydes는 유니콘 승차 공유 서비스입니다. 로그인하고 지도에서 위치를 누르면 유니콘이 날아와 태워 드립니다.',
  'landing.point1': '이메일로 1분 만에 가입하세요.',
  'landing.point2': '지도에서 탑승 위치를 고르세요.',
  'landing.point3': '유니콘을 호출하고 도착하는 모습을 지켜보세요.',
  'landing.cta.register': '라이더 되기',
  'landing.cta.signIn': '이미 계정이 있어요',
  'landing.cta.ride': '라이드 요청하기',
  'landing.signedIn': '로그인되어 있습니다.',
  'config.title': 'Wild Rydes가 설정되지 않았습니다',
  'config.lead': '이 사이트의 설정(/config.json)을 읽을 수 없습니다.',
  'config.problems': '다음 값이 없거나 잘못되었습니다:',
  'config.unreachable': '설정을 불러올 수 없습니다: {detail}',
  'config.hint': '백엔드를 배포하거나 로컬 스택을 실행해 /config.json을 만드세요.',
  'loading': '불러오는 중…',
  'notFound.title': '페이지를 찾을 수 없습니다',
  'notFound.back': '홈으로 가기',
  'loadFailed': '앱 일부를 불러오지 못했습니다. 연결을 확인하고 페이지를 새로 고치세요.',
  'reload': '새로 고침',
} satisfies Record<keyof typeof en, string>;
