import { describe, expect, it } from "vitest";
import { queryForm, readQueryAnswer } from "./query-wire.js";

describe("IAM Query for a remote apply", () => {
  it("flattens lists, structures and an empty list as AWS Query does", () => {
    const form = new URLSearchParams(
      queryForm("CreateOpenIDConnectProvider", {
        Url: "https://login.example.com",
        ClientIDList: ["a", "b"],
        ThumbprintList: [],
        Tags: [{ Key: "idpool:setup", Value: "demo" }],
        Description: undefined,
        MaxSessionDuration: 3600,
      }),
    );
    expect([...form]).toEqual([
      ["Action", "CreateOpenIDConnectProvider"],
      ["Version", "2010-05-08"],
      ["Url", "https://login.example.com"],
      ["ClientIDList.member.1", "a"],
      ["ClientIDList.member.2", "b"],
      ["ThumbprintList", ""],
      ["Tags.member.1.Key", "idpool:setup"],
      ["Tags.member.1.Value", "demo"],
      ["MaxSessionDuration", "3600"],
    ]);
  });

  it("reads a result's member lists as arrays and keeps text as sent", () => {
    const xml =
      '<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>' +
      "<RoleName>R</RoleName><MaxSessionDuration>3600</MaxSessionDuration>" +
      "<Tags><member><Key>a</Key><Value> x </Value></member><member><Key>b</Key><Value></Value></member></Tags>" +
      "</Role></GetRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetRoleResponse>";
    expect(readQueryAnswer("GetRole", xml)).toEqual({
      ok: true,
      result: {
        Role: {
          RoleName: "R",
          MaxSessionDuration: "3600",
          Tags: [
            { Key: "a", Value: " x " },
            { Key: "b", Value: "" },
          ],
        },
      },
    });
    const empty =
      "<DeleteRoleResponse><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DeleteRoleResponse>";
    expect(readQueryAnswer("DeleteRole", empty)).toEqual({ ok: true, result: {} });
  });

  it("reads an ErrorResponse as its Code and Message", () => {
    const xml =
      "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>" +
      "<Message>The role with name R cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>";
    expect(readQueryAnswer("GetRole", xml)).toEqual({
      ok: false,
      code: "NoSuchEntity",
      message: "The role with name R cannot be found.",
    });
  });
});
