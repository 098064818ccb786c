/** Invented Thai names of twelve different people, for tests that need many distinct reports. */
export const TWELVE_THAI_NAMES = [
  'Anong Charoenwattana',
  'Boonmee Sriprasert',
  'Chalerm Nakornthap',
  'Duangjai Phromphan',
  'Ekkachai Sukprasong',
  'Fongchan Rattanakorn',
  'Gaysorn Thepsuwan',
  'Hathai Wongprasit',
  'Itsara Kongkaew',
  'Jintana Boonyarat',
  'Kittipong Saelim',
  'Lamai Chaiyaporn',
] as const;
