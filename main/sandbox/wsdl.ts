import { xmlText } from './xml';
import { serviceNamespace, type IcOperation, type IcService, type XField } from './ic-operations';

/**
 * WSDL 1.1 for one service, in the shape ASMX generates: document/literal, qualified elements,
 * one SOAP 1.1 and one SOAP 1.2 binding. Any standard SOAP toolkit can call the simulator from it.
 */
function fieldElement(f: XField): string {
  if ('type' in f) {
    const optional = f.type === 'string' || f.type === 'base64Binary';
    return `<s:element minOccurs="${optional ? 0 : 1}" maxOccurs="1" name="${f.name}" type="s:${f.type}" />`;
  }
  return `<s:element minOccurs="0" maxOccurs="1" name="${f.name}" type="tns:ArrayOf${f.itemType === 'string' ? 'String' : f.itemType}" />`;
}

function complexTypes(fields: XField[], into: Map<string, string>): void {
  for (const f of fields) {
    if ('type' in f) continue;
    const arrayName = `ArrayOf${f.itemType === 'string' ? 'String' : f.itemType}`;
    const itemRef = f.fields ? `tns:${f.itemType}` : 's:string';
    const nillable = f.fields ? ' nillable="true"' : ' nillable="true"';
    into.set(
      arrayName,
      `<s:complexType name="${arrayName}"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="${f.item}"${nillable} type="${itemRef}" /></s:sequence></s:complexType>`,
    );
    if (f.fields) {
      into.set(
        f.itemType,
        `<s:complexType name="${f.itemType}"><s:sequence>${f.fields.map(fieldElement).join('')}</s:sequence></s:complexType>`,
      );
      complexTypes(f.fields, into);
    }
  }
}

export function buildWsdl(service: IcService, operations: readonly IcOperation[], location: string): string {
  const ns = serviceNamespace(service);
  const ops = operations.filter((op) => op.service === service);
  const types = new Map<string, string>();
  const elements: string[] = [];
  for (const op of ops) {
    const requestType = op.wrapped ? `${op.name}Request` : null;
    if (requestType) {
      elements.push(
        `<s:element name="${op.name}"><s:complexType><s:sequence><s:element minOccurs="0" maxOccurs="1" name="Req" type="tns:${requestType}" /></s:sequence></s:complexType></s:element>`,
      );
      types.set(
        requestType,
        `<s:complexType name="${requestType}"><s:sequence>${op.request.map(fieldElement).join('')}</s:sequence></s:complexType>`,
      );
    } else {
      elements.push(
        `<s:element name="${op.name}"><s:complexType><s:sequence>${op.request.map(fieldElement).join('')}</s:sequence></s:complexType></s:element>`,
      );
    }
    complexTypes(op.request, types);
    elements.push(
      `<s:element name="${op.name}Response"><s:complexType><s:sequence><s:element minOccurs="0" maxOccurs="1" name="${op.name}Result" type="tns:${op.name}Result" /></s:sequence></s:complexType></s:element>`,
    );
    types.set(
      `${op.name}Result`,
      `<s:complexType name="${op.name}Result"><s:sequence>${op.response.map(fieldElement).join('')}</s:sequence></s:complexType>`,
    );
    complexTypes(op.response, types);
  }
  const messages = ops
    .map(
      (op) =>
        `<wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.name}" /></wsdl:message><wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.name}Response" /></wsdl:message>`,
    )
    .join('');
  const portOps = ops
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><wsdl:input message="tns:${op.name}SoapIn" /><wsdl:output message="tns:${op.name}SoapOut" /></wsdl:operation>`,
    )
    .join('');
  const binding = (name: string, prefix: 'soap' | 'soap12') =>
    `<wsdl:binding name="${name}" type="tns:${service}Soap"><${prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />${ops
      .map(
        (op) =>
          `<wsdl:operation name="${op.name}"><${prefix}:operation soapAction="${ns}${op.name}" style="document" /><wsdl:input><${prefix}:body use="literal" /></wsdl:input><wsdl:output><${prefix}:body use="literal" /></wsdl:output></wsdl:operation>`,
      )
      .join('')}</wsdl:binding>`;
  const loc = xmlText(location);
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${ns}">${elements.join('')}${[...types.values()].join('')}</s:schema></wsdl:types>
${messages}<wsdl:portType name="${service}Soap">${portOps}</wsdl:portType>${binding(`${service}Soap`, 'soap')}${binding(`${service}Soap12`, 'soap12')}
<wsdl:service name="${service}"><wsdl:port name="${service}Soap" binding="tns:${service}Soap"><soap:address location="${loc}" /></wsdl:port><wsdl:port name="${service}Soap12" binding="tns:${service}Soap12"><soap12:address location="${loc}" /></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}
