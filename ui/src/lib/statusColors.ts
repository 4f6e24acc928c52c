// Status colours from the Okabe-Ito palette, which stays distinguishable for colour-blind
// readers. The colour is only a second cue: the status word always stands next to it.
import type { ProposalStatus } from "../bindings/ProposalStatus";

const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  grey: "#999999",
} as const;

const COLOURS: Record<ProposalStatus, string> = {
  floated: OKABE_ITO.skyBlue,
  under_negotiation: OKABE_ITO.blue,
  partially_accepted: OKABE_ITO.yellow,
  agreed: OKABE_ITO.bluishGreen,
  in_effect: OKABE_ITO.bluishGreen,
  extended: OKABE_ITO.bluishGreen,
  violated: OKABE_ITO.orange,
  collapsed: OKABE_ITO.vermillion,
  rejected: OKABE_ITO.vermillion,
  expired: OKABE_ITO.grey,
  superseded: OKABE_ITO.grey,
  withdrawn: OKABE_ITO.grey,
  unclear: OKABE_ITO.reddishPurple,
};

// Dark fills need light text to stay readable in the timeline bands.
const DARK_FILLS = new Set<string>([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen]);

export function statusColour(status: ProposalStatus): string {
  return COLOURS[status] ?? OKABE_ITO.grey;
}

export function textOn(fill: string): string {
  return DARK_FILLS.has(fill) ? "#ffffff" : "#000000";
}
